import { useState } from 'preact/hooks';

/** The sign-in: an admin token (`control-plane-api token create`), kept for this tab only. */
export function LoginPage({ refused, onSignIn }: { refused: boolean; onSignIn: (token: string) => void }) {
  const [token, setToken] = useState('');
  return (
    <main class="login" id="main">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (token.trim() !== '') onSignIn(token.trim());
        }}
      >
        <h1>Control plane console</h1>
        <p>Sign in with an admin token. It stays in this tab and is sent only to this API.</p>
        {refused && (
          <p role="alert" class="error">
            That token was not accepted: it is unknown, revoked or mistyped.
          </p>
        )}
        <label for="token">Admin token</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          placeholder="cpadmin_…"
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
          required
        />
        <button type="submit" class="primary">
          Sign in
        </button>
        <p class="hint">
          Make one with <code>npm run api -- token create --name you --all</code>; <code>npm start</code> prints one.
        </p>
      </form>
    </main>
  );
}
