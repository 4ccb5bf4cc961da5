import './setup';
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ConnectionView } from '../../src/contracts';
import { ApiClientError } from '../../tab/src/api/api-client';
import { ConnectionPanel } from '../../tab/src/components/ConnectionPanel/ConnectionPanel';

jest.setTimeout(30_000);

const NONE: ConnectionView = { configured: false, tenantId: null, clientId: null, baseUrl: null, updatedAt: null, updatedBy: null };
const STORED: ConnectionView = { configured: true, tenantId: 'demo', clientId: 'halo-import-demo', baseUrl: null, updatedAt: '2026-12-03T12:00:00.000Z', updatedBy: 'Ada Admin' };

class FakeConnectionApi {
  saved: unknown[] = [];
  deleted = 0;
  failure: Error | undefined;
  async saveConnection(input: { tenantId: string; clientId: string; clientSecret: string; baseUrl?: string }) {
    this.saved.push(input);
    if (this.failure) throw this.failure;
    return { ...STORED, tenantId: input.tenantId, clientId: input.clientId };
  }
  async deleteConnection() {
    this.deleted += 1;
  }
}

function renderPanel(connection: ConnectionView, api = new FakeConnectionApi()) {
  const onChanged = jest.fn();
  render(
    <FluentProvider theme={teamsLightTheme}>
      <ConnectionPanel api={api} connection={connection} onChanged={onChanged} />
    </FluentProvider>,
  );
  return { api, onChanged, user: userEvent.setup() };
}

describe('ConnectionPanel', () => {
  it('asks for the credentials when none are stored, and says what is missing', async () => {
    const { user, api } = renderPanel(NONE);
    await user.click(screen.getByRole('button', { name: 'Save and verify' }));
    expect(screen.getByText('Enter the Client ID of the HaloPSA API application.')).toBeInTheDocument();
    expect(screen.getByText('Enter the Client Secret.')).toBeInTheDocument();
    expect(api.saved).toEqual([]);
  });

  it('sends exactly what was typed and clears the secret field afterwards', async () => {
    const { user, api, onChanged } = renderPanel(NONE);
    await user.type(screen.getByLabelText('Tenant ID'), 'demo');
    await user.type(screen.getByLabelText(/^Client ID/), 'halo-import-demo');
    const secret = screen.getByLabelText(/^Client Secret/);
    expect(secret).toHaveAttribute('type', 'password');
    await user.type(secret, 'sandbox-secret-change-me');
    await user.click(screen.getByRole('button', { name: 'Save and verify' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.saved).toEqual([{ tenantId: 'demo', clientId: 'halo-import-demo', clientSecret: 'sandbox-secret-change-me' }]);
  });

  it("shows HaloPSA's refusal in plain words", async () => {
    const api = new FakeConnectionApi();
    api.failure = new ApiClientError(422, 'halo_invalid_client', 'HaloPSA refused the Client ID or Client Secret. Copy both again from HaloPSA.');
    const { user } = renderPanel(NONE, api);
    await user.type(screen.getByLabelText('Tenant ID'), 'demo');
    await user.type(screen.getByLabelText(/^Client ID/), 'x');
    await user.type(screen.getByLabelText(/^Client Secret/), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Save and verify' }));
    expect(await screen.findByText(/HaloPSA refused the Client ID or Client Secret/)).toBeInTheDocument();
  });

  it('shows the stored tenant with Change and Remove; Change never prefills the secret', async () => {
    const { user } = renderPanel(STORED);
    expect(screen.getByText('Stored credentials for tenant demo')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Change' }));
    expect(screen.getByLabelText('Tenant ID')).toHaveValue('demo');
    expect(screen.getByLabelText(/^Client Secret/)).toHaveValue('');
  });

  it('removes only after confirmation', async () => {
    const { user, api, onChanged } = renderPanel(STORED);
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    const title = await screen.findByText('Remove the HaloPSA connection?');
    expect(api.deleted).toBe(0);
    const dialog = title.closest('[role="dialog"]') as HTMLElement;
    await user.click([...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Remove') as HTMLElement);
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({ configured: false })));
    expect(api.deleted).toBe(1);
  });
});
