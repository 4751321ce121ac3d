import type { CommandContext } from '../context.js';
import type { CommandResult } from '../output.js';
import { parseOptionalId } from '../parse-args.js';
import { renderTable } from '../table.js';
import { listPulledStates } from '../../pull/state-catalogue-repository.js';
import { getStoreById } from '../../stores/store-repository.js';

/** `states list [--store ID] [--all]`: the pulled platform catalogue, with the local ids triggers use. */
export async function statesList(ctx: CommandContext, _args: string[], options: Record<string, unknown>): Promise<CommandResult> {
  const storeId = parseOptionalId(options.store, '--store');
  const app = await ctx.openApp();
  if (storeId !== undefined) await getStoreById(app.db, storeId);
  const states = await listPulledStates(app.db, { ...(storeId === undefined ? {} : { storeId }), includeFlagged: Boolean(options.all) });
  const text = states.length === 0
    ? `No ${options.all ? '' : 'usable '}platform states pulled yet. Run: ecom-sync states pull${storeId === undefined ? '' : ` --store ${storeId}`}`
    : renderTable(
        ['id', 'store', 'platform id', 'name', 'e-mail', 'flags'],
        states.map((s) => [
          s.id_ecommerce_order_state, `#${s.id_store} ${s.store_name}`, s.id_platform_state, s.name, s.send_email ? 'yes' : 'no',
          [s.is_deleted ? 'deleted' : '', s.is_missing ? 'missing' : ''].filter(Boolean).join(', '),
        ]),
        { color: ctx.color },
      );
  return { json: { ecommerce_order_states: states }, text };
}
