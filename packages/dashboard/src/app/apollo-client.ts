import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { authHeaders } from './auth-token';

/** One client for the app: /graphql on the same origin, the bearer token added to every request. */
export function createApolloClient(): ApolloClient {
  const auth = new SetContextLink((prev) => ({ headers: { ...prev.headers, ...authHeaders() } }));
  return new ApolloClient({
    link: ApolloLink.from([auth, new HttpLink({ uri: '/graphql' })]),
    cache: new InMemoryCache({
      // Rankings and metric rows have no ids of their own: keep them under their query fields.
      typePolicies: {
        Region: { keyFields: ['code'] },
        Ranking: { keyFields: false },
        RankingRow: { keyFields: false },
        SupervisionAction: { keyFields: ['id'] },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network', notifyOnNetworkStatusChange: true } },
  });
}
