import { graphql } from '../gql';

export const ME_QUERY = graphql(`
  query Me {
    me {
      username
      role
      regionCode
      regionName
    }
  }
`);

export const LOGIN_MUTATION = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      user {
        username
        role
        regionCode
        regionName
      }
    }
  }
`);
