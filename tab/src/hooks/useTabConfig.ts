import { pages } from '@microsoft/teams-js';
import { useEffect, useRef } from 'react';
import type { Host } from './teams-host';

/** The Team chosen on the configuration page. */
export interface TabChoice {
  readonly teamId: string;
  readonly teamName: string;
}

/**
 * The configurable tab's save contract with Teams: Save is enabled only once a Team is chosen,
 * and saving points the channel tab at `/tab/?teamId=…` on this server's origin.
 */
export function useTabConfig(host: Host | undefined, choice: TabChoice | undefined, origin: string = window.location.origin): void {
  const latest = useRef(choice);
  latest.current = choice;
  const inTeams = host?.mode === 'teams';

  useEffect(() => {
    if (!inTeams) return;
    pages.config.registerOnSaveHandler((event) => {
      const chosen = latest.current;
      if (!chosen) {
        event.notifyFailure('Choose a BrainStation Team first.');
        return;
      }
      const contentUrl = `${origin}/tab/?teamId=${encodeURIComponent(chosen.teamId)}`;
      pages.config
        .setConfig({
          entityId: `halo-import-${chosen.teamId}`,
          contentUrl,
          websiteUrl: contentUrl,
          suggestedDisplayName: `Halo Import: ${chosen.teamName}`.slice(0, 60),
        })
        .then(
          () => event.notifySuccess(),
          (error: unknown) => event.notifyFailure(`The tab could not be saved: ${error instanceof Error ? error.message : String(error)}`),
        );
    });
  }, [inTeams, origin]);

  useEffect(() => {
    if (inTeams) pages.config.setValidityState(choice !== undefined);
  }, [inTeams, choice]);
}
