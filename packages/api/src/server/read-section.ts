/**
 * Readers' side of the store gate (common/load-gate.ts): a GraphQL operation holds a shared section from the start of
 * its execution (after parsing, validation and the query limits, which read nothing) to its end, before the response
 * is encoded and sent; an export handler wraps the part that reads the store in `storeGate.read`.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { ReadWriteGate } from '../common/load-gate';

export function readSectionPlugin(gate: ReadWriteGate): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async executionDidStart() {
          const release = await gate.shared();
          // Apollo calls executionDidEnd after execution, whether it succeeded or threw.
          return { executionDidEnd: async () => release() };
        },
      };
    },
  };
}
