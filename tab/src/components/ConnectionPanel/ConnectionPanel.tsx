import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Spinner,
  Subtitle2,
  Text,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { ConnectionView } from '../../../../src/contracts';
import { errorText, type ApiClient } from '../../api/api-client';
import { ErrorBar } from '../ErrorBar/ErrorBar';
import { useConnectionPanelStyles } from './ConnectionPanel.styles';

export interface ConnectionPanelProps {
  readonly api: Pick<ApiClient, 'saveConnection' | 'deleteConnection'>;
  readonly connection: ConnectionView;
  onChanged(connection: ConnectionView): void;
}

/**
 * The reseller's HaloPSA connection: a form when none is stored, otherwise who stored which
 * tenant, with Change and Remove. The secret field is write-only: never filled from the server.
 */
export function ConnectionPanel({ api, connection, onChanged }: ConnectionPanelProps) {
  const styles = useConnectionPanelStyles();
  const [editing, setEditing] = useState(!connection.configured);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function remove() {
    setConfirmRemove(false);
    setBusy(true);
    setError(undefined);
    try {
      await api.deleteConnection();
      setEditing(true);
      onChanged({ configured: false, tenantId: null, clientId: null, baseUrl: null, updatedAt: null, updatedBy: null });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (editing || !connection.configured) {
    return (
      <section className={styles.root} aria-labelledby="halo-connection-title">
        <Subtitle2 id="halo-connection-title">Connect HaloPSA</Subtitle2>
        <Text className={styles.muted}>
          Once per reseller: create an API application in HaloPSA (Configuration › Integrations › HaloPSA API ›
          Applications, authentication "Client ID and Secret", permission to read customers and users) and paste its
          details here. The secret is stored encrypted and never shown again.
        </Text>
        <CredentialsForm
          initial={connection}
          busy={busy}
          onCancel={connection.configured ? () => setEditing(false) : undefined}
          onSubmit={async (input) => {
            setBusy(true);
            setError(undefined);
            try {
              const saved = await api.saveConnection(input);
              setEditing(false);
              onChanged(saved);
            } catch (e) {
              setError(errorText(e));
            } finally {
              setBusy(false);
            }
          }}
        />
        {error ? <ErrorBar title="HaloPSA connection not saved" message={error} /> : null}
      </section>
    );
  }

  return (
    <section className={styles.root} aria-labelledby="halo-connection-title">
      <div className={styles.row}>
        <div className={styles.summary}>
          <Subtitle2 id="halo-connection-title">Stored credentials for tenant {connection.tenantId || connection.baseUrl}</Subtitle2>
          <br />
          <Text className={styles.muted}>
            Client ID {connection.clientId}
            {connection.baseUrl ? `, Base URL ${connection.baseUrl}` : ''}
            {connection.updatedBy ? `; saved by ${connection.updatedBy}` : ''}
            {connection.updatedAt ? ` on ${new Date(connection.updatedAt).toLocaleString()}` : ''}
          </Text>
        </div>
        <Button onClick={() => setEditing(true)} disabled={busy}>
          Change
        </Button>
        <Button onClick={() => setConfirmRemove(true)} disabled={busy}>
          Remove
        </Button>
        {busy ? <Spinner size="tiny" label="Removing…" /> : null}
      </div>
      {error ? <ErrorBar title="HaloPSA connection not removed" message={error} /> : null}
      <Dialog open={confirmRemove} onOpenChange={(_e, d) => setConfirmRemove(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Remove the HaloPSA connection?</DialogTitle>
            <DialogContent>
              Imports stop working for every admin of your reseller until someone enters HaloPSA credentials again.
              Users already imported stay in their Teams.
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setConfirmRemove(false)}>Cancel</Button>
              <Button appearance="primary" onClick={() => void remove()}>
                Remove
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}

interface CredentialsFormProps {
  readonly initial: ConnectionView;
  readonly busy: boolean;
  onCancel: (() => void) | undefined;
  onSubmit(input: { tenantId: string; clientId: string; clientSecret: string; baseUrl?: string }): Promise<void>;
}

function CredentialsForm({ initial, busy, onCancel, onSubmit }: CredentialsFormProps) {
  const styles = useConnectionPanelStyles();
  const [tenantId, setTenantId] = useState(initial.tenantId ?? '');
  const [clientId, setClientId] = useState(initial.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [baseUrl, setBaseUrl] = useState(initial.baseUrl ?? '');
  const [touched, setTouched] = useState(false);
  const missing = {
    tenant: tenantId.trim() === '' && baseUrl.trim() === '',
    client: clientId.trim() === '',
    secret: clientSecret === '',
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (missing.tenant || missing.client || missing.secret) return;
    void onSubmit({ tenantId: tenantId.trim(), clientId: clientId.trim(), clientSecret, ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}) }).then(() =>
      setClientSecret(''),
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label="HaloPSA credentials">
      <div className={styles.form}>
        <Field
          label="Tenant ID"
          hint="The name in https://<tenant>.halopsa.com"
          validationMessage={touched && missing.tenant ? 'Enter the Tenant ID (or a Base URL for a custom domain).' : undefined}
        >
          <Input value={tenantId} onChange={(_e, d) => setTenantId(d.value)} autoComplete="off" />
        </Field>
        <Field label="Client ID" required validationMessage={touched && missing.client ? 'Enter the Client ID of the HaloPSA API application.' : undefined}>
          <Input value={clientId} onChange={(_e, d) => setClientId(d.value)} autoComplete="off" />
        </Field>
        <Field
          label="Client Secret"
          required
          hint={initial.configured ? 'Enter the secret again to change the stored one.' : 'Shown once by HaloPSA when you create the application.'}
          validationMessage={touched && missing.secret ? 'Enter the Client Secret.' : undefined}
        >
          <Input type="password" value={clientSecret} onChange={(_e, d) => setClientSecret(d.value)} autoComplete="new-password" />
        </Field>
        <Field label="HaloPSA Base URL" hint="Only for a custom domain, e.g. https://support.example.com">
          <Input type="url" value={baseUrl} onChange={(_e, d) => setBaseUrl(d.value)} autoComplete="off" />
        </Field>
      </div>
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {busy ? 'Checking with HaloPSA…' : 'Save and verify'}
        </Button>
        {onCancel ? (
          <Button onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
