export { VERB_TABLE, isVerb } from './verb-table';
export { runVerb, guardStep } from './run-verb';
