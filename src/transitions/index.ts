export { allowTransition, checkOrderTransition, denyTransition, exportTransitions, importTransitions, initTransitions, listTransitionRules } from './transition-service.js';
export type { FinalTrigger, ImportSummary, TransitionCheck, TransitionList, TransitionProposal } from './transition-service.js';
export { STATE_TYPES, type StateType, type TransitionRule, type TransitionVerdict } from './transition-types.js';
