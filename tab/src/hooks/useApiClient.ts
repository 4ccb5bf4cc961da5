import { useMemo } from 'react';
import { createApiClient, type ApiClient } from '../api/api-client';
import type { Host } from './teams-host';

/** The API client for the connected host (tokens straight from Teams or the demo sign-in). */
export function useApiClient(host: Host | undefined): ApiClient | undefined {
  return useMemo(() => (host ? createApiClient({ getToken: () => host.getToken() }) : undefined), [host]);
}
