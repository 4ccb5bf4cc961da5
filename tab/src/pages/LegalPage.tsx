import { Body1, Link, Title3 } from '@fluentui/react-components';
import { usePageStyles } from './pages.styles';

/** Where support requests go; the same address on every page the manifest links to. */
export const SUPPORT_EMAIL = 'support@brainstation.example';

/** Public pages the app manifest links to (website, privacy, terms): readable without sign-in. */
export type LegalKind = 'about' | 'privacy' | 'terms';

function Contact({ className }: { readonly className: string }) {
  return (
    <Body1 className={className}>
      Questions or problems? Email <Link href={`mailto:${SUPPORT_EMAIL}`}>{SUPPORT_EMAIL}</Link> or ask your BrainStation account
      manager; we answer within one business day.
    </Body1>
  );
}

/** The about/support page, the privacy statement and the terms of use the app manifest links to. */
export function LegalPage({ kind }: { readonly kind: LegalKind }) {
  const styles = usePageStyles();
  if (kind === 'about') {
    return (
      <main className={styles.page}>
        <Title3 as="h1">Halo Import: help and support</Title3>
        <Body1 className={styles.prose}>
          Halo Import brings the end-users of a HaloPSA customer into the matching BrainStation Team from inside Microsoft
          Teams, without duplicate accounts. It needs a BrainStation reseller account and a HaloPSA API application allowed
          to read customers and users.
        </Body1>
        <Title3 as="h2">Get started</Title3>
        <Body1 className={styles.prose}>
          One-time setup: a reseller admin connects HaloPSA with the Tenant ID, Client ID and Client Secret of a HaloPSA API
          application, in a 1:1 chat with the bot or in the Halo Import tab. Then type “import halo users to Team X” in the
          chat, or open the tab, pick the HaloPSA customer, tick the users and import. “status” shows the connection and the
          last imports; “disconnect halo” removes the stored credentials; “help” lists every command.
        </Body1>
        <Body1 className={styles.prose}>
          New to BrainStation? Ask your BrainStation account manager for a reseller account.
        </Body1>
        <Contact className={styles.prose} />
        <Body1 className={styles.muted}>
          <Link href="/tab/privacy">Privacy statement</Link> · <Link href="/tab/terms">Terms of use</Link>
        </Body1>
      </main>
    );
  }
  if (kind === 'privacy') {
    return (
      <main className={styles.page}>
        <Title3 as="h1">Privacy statement</Title3>
        <Body1 className={styles.prose}>
          What we read: the names, email addresses, sites and active flags of the HaloPSA users in the customer group you
          choose, to create BrainStation accounts and Team memberships for the users you import. Nothing is written to
          HaloPSA.
        </Body1>
        <Body1 className={styles.prose}>
          What we store: the accounts and memberships you import, and an audit record of who imported whom and when. Your
          HaloPSA Client Secret is stored encrypted (AES-256-GCM), is never shown or sent back to anyone, and is only ever
          entered in a 1:1 chat or in the tab. Sign-in uses your Microsoft Teams identity; the app keeps only your Entra
          tenant and object id to know your role.
        </Body1>
        <Body1 className={styles.prose}>
          Retention and deletion: “disconnect halo” (or Disconnect in the tab) deletes the stored HaloPSA credentials at
          once. Import records are kept while your reseller account exists and are deleted within 30 days of its closure, or
          earlier on request to the address below.
        </Body1>
        <Body1 className={styles.prose}>
          Security: data travels over HTTPS only; every request is checked against your Teams sign-in and your role, and one
          reseller never sees another reseller&apos;s data.
        </Body1>
        <Contact className={styles.prose} />
      </main>
    );
  }
  return (
    <main className={styles.page}>
      <Title3 as="h1">Terms of use</Title3>
      <Body1 className={styles.prose}>
        Halo Import is provided by BrainStation to its resellers and their customers to copy HaloPSA end-users into
        BrainStation Teams. Import only users you are entitled to manage, and only from HaloPSA tenants you administer.
        Imports are recorded with who asked and who approved. The service is provided under your BrainStation reseller
        agreement; it does not change HaloPSA and does not keep users in sync after an import.
      </Body1>
      <Contact className={styles.prose} />
    </main>
  );
}
