/** Mapping rules between local states and platform states: CRUD with validation, and a dry run. */
export { createTrigger, getTrigger, listTriggers, removeTrigger, setTriggerActive } from './trigger-service.js';
export { testTrigger, type TriggerTestResult } from './trigger-test.js';
export { findActiveTrigger, isUniqueViolation } from './trigger-repository.js';
export {
  isTriggerEventType, stateTypeFor, TRIGGER_EVENT_TYPES, TRIGGER_STATE_TYPES,
  type CreateTriggerInput, type TriggerEventType, type TriggerStateType, type TriggerView,
} from './trigger-types.js';
