/** The PrestaShop-compatible sandbox webservice: start it, script its faults, inspect its shop. */
export { startSandbox, PSWS_VERSION } from './sandbox-server.js';
export { DEFAULT_SANDBOX_KEY } from './sandbox-types.js';
export type { Sandbox, SandboxOptions, SandboxRequestLog } from './sandbox-types.js';
export type { SandboxFaults, FaultMatch, FailNextOptions, ArmedFault, FaultKind } from './sandbox-faults.js';
export { SandboxShop } from './sandbox-shop.js';
export type { NewOrder, NewOrderRow, NewOrderState, NewCustomer, NewAddress, StateChangeOptions } from './sandbox-shop.js';
export type { ShopClock } from './shop-clock.js';
export type {
  LangText, SandboxAddress, SandboxConfiguration, SandboxCustomer, SandboxEmail, SandboxLanguage, SandboxOrder, SandboxOrderHistory,
  SandboxOrderRow, SandboxOrderState,
} from './shop-types.js';
