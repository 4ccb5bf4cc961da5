import { Body1, Title3 } from '@fluentui/react-components';
import { usePageStyles } from './pages.styles';

/** The privacy statement and terms of use the app manifest links to. */
export function LegalPage({ kind }: { readonly kind: 'privacy' | 'terms' }) {
  const styles = usePageStyles();
  return kind === 'privacy' ? (
    <main className={styles.page}>
      <Title3 as="h1">Privacy statement</Title3>
      <Body1 className={styles.prose}>
        Halo Import reads the names, email addresses, sites and active flags of the HaloPSA users in the customer group
        you choose, to create BrainStation accounts and Team memberships for the users you import. It stores who
        imported whom and when. Your HaloPSA Client Secret is stored encrypted (AES-256-GCM) and is never shown or
        sent back to anyone. Nothing is written to HaloPSA. Sign-in uses your Microsoft Teams identity; the app keeps
        only your Entra tenant and object id to know your role.
      </Body1>
    </main>
  ) : (
    <main className={styles.page}>
      <Title3 as="h1">Terms of use</Title3>
      <Body1 className={styles.prose}>
        Halo Import is provided to BrainStation resellers and their customers to copy HaloPSA end-users into
        BrainStation Teams. Import only users you are entitled to manage. Imports are recorded; contact your
        BrainStation reseller for support.
      </Body1>
    </main>
  );
}
