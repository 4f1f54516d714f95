/* byline-cli-sign-in.c
 *
 * Copyright 2026 The Byline Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-cli-sign-in"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-account.h"
#include "byline-cli-sign-in.h"
#include "byline-oauth-sign-in.h"
#include "byline-xrpc-client.h"

/* `byline --sign-in HANDLE` and `--sign-out HANDLE`: AT Protocol OAuth from a terminal. The
 * address of the authorization page is printed, and opened in a browser when one can be
 * launched; the browser comes back to a listener on 127.0.0.1. The session and its key go
 * into the keyring only. */

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static void
open_uri_cb (BylineOAuthSignIn *sign_in,
             const char        *uri,
             gpointer           user_data)
{
  g_autoptr(GError) error = NULL;

  g_print (_("Open this address in a browser to sign in:\n%s\n"), uri);
  if (g_getenv ("BYLINE_NO_BROWSER") != NULL)
    return;
  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_printerr (_("No browser could be opened (%s); open the address above yourself.\n"),
                error->message);
}

/* Resolves handles and DIDs the way --publish does: BYLINE_PDS answers resolveHandle when it
 * is set, BYLINE_PLC_DIRECTORY serves did:plc documents. */
static BylineXrpcClient *
new_resolver (void)
{
  const char *pds = g_getenv ("BYLINE_PDS");
  BylineXrpcClient *resolver = byline_xrpc_client_new (pds && *pds ? pds : NULL);

  if (g_getenv ("BYLINE_PLC_DIRECTORY") != NULL)
    byline_xrpc_client_set_plc_directory (resolver, g_getenv ("BYLINE_PLC_DIRECTORY"));

  return resolver;
}

/**
 * byline_cli_wait_for_keyring:
 * @account: an account
 *
 * Waits until the account's secrets are written: a renewed session must be kept before the
 * command exits, since the refresh token it replaced is spent.
 */
void
byline_cli_wait_for_keyring (BylineAccount *account)
{
  while (byline_account_is_storing (account))
    g_main_context_iteration (NULL, TRUE);
}

/**
 * byline_cli_sign_in:
 * @identifier: a handle, DID or PDS address
 *
 * Returns: 0 when signed in, 1 otherwise
 */
int
byline_cli_sign_in (const char *identifier)
{
  g_autoptr(BylineXrpcClient) resolver = new_resolver ();
  g_autoptr(BylineOAuthSignIn) sign_in = NULL;
  g_autoptr(BylineOAuthSession) session = NULL;
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (identifier != NULL, 2);

  sign_in = byline_oauth_sign_in_new (resolver, byline_oauth_default_client_id ());
  if (byline_oauth_sign_in_is_development (sign_in))
    g_printerr (_("Byline signs in as a development client: the server will show it as an "
                  "unverified application on this computer.\n"));
  g_signal_connect (sign_in, "open-uri", G_CALLBACK (open_uri_cb), NULL);
  byline_oauth_sign_in_run_async (sign_in, identifier, NULL, store_result_cb, &result);
  session = byline_oauth_sign_in_run_finish (sign_in, wait_for (&result), &error);
  if (session == NULL)
    {
      g_printerr (_("Could not sign in: %s\n"), error->message);
      return 1;
    }

  account = byline_account_new_for_oauth_session (session);
  byline_cli_wait_for_keyring (account);
  if (byline_account_get_keyring_error (account) != NULL)
    {
      /* A session that cannot be kept would be lost on exit: revoke it rather than leave it
       * valid on the server. */
      g_autoptr(GAsyncResult) revoked = NULL;

      g_printerr (_("Could not keep the sign-in in the keyring: %s\n"),
                  byline_account_get_keyring_error (account)->message);
      byline_oauth_session_revoke_async (session, NULL, store_result_cb, &revoked);
      byline_oauth_session_revoke_finish (session, wait_for (&revoked), NULL);
      return 1;
    }
  if (byline_oauth_sign_in_is_scope_fallback (sign_in))
    g_printerr (_("This server does not offer Byline’s limited permissions; it was given "
                  "broad access to the account (transition:generic).\n"));
  g_print (_("Signed in as %s (%s) with the permissions: %s\n"),
           byline_oauth_session_get_handle (session) ? byline_oauth_session_get_handle (session)
                                                      : byline_oauth_session_get_did (session),
           byline_oauth_session_get_did (session), byline_oauth_session_get_scope (session));

  return 0;
}

/**
 * byline_cli_find_oauth_account:
 * @identifier: (nullable): a handle or DID; %NULL for the only OAuth account
 * @resume: whether to restore its session from the keyring
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the OAuth account the keyring holds
 */
BylineAccount *
byline_cli_find_oauth_account (const char  *identifier,
                               gboolean     resume,
                               GError     **error)
{
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GAsyncResult) resumed = NULL;
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(BylineAccount) found = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_oauth = 0;

  byline_account_list_async (NULL, store_result_cb, &listed);
  accounts = byline_account_list_finish (wait_for (&listed), &local_error);
  if (accounts == NULL)
    {
      g_set_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_NOT_SIGNED_IN,
                   _("The keyring could not be read: %s"), local_error->message);
      return NULL;
    }
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(BylineAccount) account = g_list_model_get_item (accounts, i);

      if (!byline_account_uses_oauth (account))
        continue;
      n_oauth++;
      if (identifier == NULL
          || g_strcmp0 (identifier, byline_account_get_did (account)) == 0
          || g_strcmp0 (identifier, byline_account_get_handle (account)) == 0)
        g_set_object (&found, account);
    }
  if (found == NULL || (identifier == NULL && n_oauth > 1))
    {
      g_set_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_NOT_SIGNED_IN,
                   identifier ? _("%s has not signed in with --sign-in.")
                              : _("No single account has signed in with --sign-in."),
                   identifier);
      return NULL;
    }

  if (!resume)
    return g_steal_pointer (&found);
  byline_account_resume_async (found, NULL, store_result_cb, &resumed);
  if (!byline_account_resume_finish (found, wait_for (&resumed), error))
    return NULL;

  return g_steal_pointer (&found);
}

/* The PDS of an account, from its handle or DID. */
static char *
find_pds (BylineXrpcClient  *client,
          const char        *identifier,
          GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) did_result = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autofree char *did = NULL;
  char *pds;

  if (g_str_has_prefix (identifier, "did:"))
    did = g_strdup (identifier);
  else
    {
      byline_xrpc_client_resolve_handle_async (client, identifier, NULL, store_result_cb, &result);
      did = byline_xrpc_client_resolve_handle_finish (client, wait_for (&result), error);
      if (did == NULL)
        return NULL;
    }

  byline_xrpc_client_resolve_did_async (client, did, NULL, store_result_cb, &did_result);
  document = byline_xrpc_client_resolve_did_finish (client, wait_for (&did_result), error);
  if (document == NULL)
    return NULL;
  pds = byline_xrpc_did_document_get_pds (document);
  if (pds == NULL)
    g_set_error (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNKNOWN_HANDLE,
                 _("The account %s names no PDS."), did);

  return pds;
}

/**
 * byline_cli_open_client:
 * @repo: (nullable): the DID or handle whose public records are read when nobody signs in
 * @missing: the message printed when no account is signed in and @repo is %NULL
 * @out: (out caller-allocates): the client, and the OAuth account it belongs to (%NULL with an
 *   app password); clear it with byline_cli_client_clear()
 *
 * The client of every network command: without `BYLINE_APP_PASSWORD`, the OAuth session kept
 * by `--sign-in` (the one for `BYLINE_IDENTIFIER` when set); else a session made with
 * `BYLINE_IDENTIFIER` and `BYLINE_APP_PASSWORD` on `BYLINE_PDS`, or the PDS the identifier
 * resolves to (through `BYLINE_PLC_DIRECTORY` for `did:plc`). Nobody signed in, a client that
 * reads @repo's public records from its PDS.
 *
 * Returns: 0 with a client, 1 on failure, 2 when credentials are missing
 */
int
byline_cli_open_client (const char      *repo,
                        const char      *missing,
                        BylineCliClient *out)
{
  const char *identifier = g_getenv ("BYLINE_IDENTIFIER");
  const char *password = g_getenv ("BYLINE_APP_PASSWORD");
  const char *pds = g_getenv ("BYLINE_PDS");
  gboolean has_identifier = identifier != NULL && *identifier != '\0';
  gboolean signing_in = has_identifier && password != NULL && *password != '\0';
  g_autoptr(BylineXrpcClient) client = NULL;
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *service = NULL;

  g_return_val_if_fail (missing != NULL, 2);
  g_return_val_if_fail (out != NULL, 2);

  out->client = NULL;
  out->oauth_account = NULL;

  if (password == NULL || *password == '\0')
    {
      account = byline_cli_find_oauth_account (has_identifier ? identifier : NULL, TRUE, &error);
      if (account != NULL)
        {
          out->client = byline_account_dup_client (account);
          out->oauth_account = g_steal_pointer (&account);
          return 0;
        }
      if (!g_error_matches (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_NOT_SIGNED_IN))
        {
          g_printerr (_("Could not sign in: %s\n"), error->message);
          return 1;
        }
      g_clear_error (&error);
    }
  if (!signing_in && repo == NULL)
    {
      g_printerr ("%s\n", missing);
      return 2;
    }

  client = byline_xrpc_client_new (NULL);
  if (g_getenv ("BYLINE_PLC_DIRECTORY") != NULL)
    byline_xrpc_client_set_plc_directory (client, g_getenv ("BYLINE_PLC_DIRECTORY"));
  if (pds != NULL && *pds != '\0')
    service = g_strdup (pds);
  else if (!(service = find_pds (client, signing_in ? identifier : repo, &error)))
    {
      g_printerr (_("Could not find the account’s server: %s\n"), error->message);
      return 1;
    }
  byline_xrpc_client_set_service (client, service);

  if (signing_in)
    {
      byline_xrpc_client_create_session_async (client, identifier, password, NULL,
                                               store_result_cb, &result);
      if (!byline_xrpc_client_create_session_finish (client, wait_for (&result), &error))
        {
          g_printerr (_("Could not sign in: %s\n"), error->message);
          return 1;
        }
    }

  out->client = g_steal_pointer (&client);
  return 0;
}

/**
 * byline_cli_client_clear:
 * @self: a client opened by byline_cli_open_client()
 *
 * Waits until a session renewed while the command ran is kept in the keyring (the refresh
 * token it replaced is spent), then releases the client.
 */
void
byline_cli_client_clear (BylineCliClient *self)
{
  if (self->oauth_account != NULL)
    byline_cli_wait_for_keyring (self->oauth_account);
  g_clear_object (&self->client);
  g_clear_object (&self->oauth_account);
}

/**
 * byline_cli_sign_out:
 * @identifier: the handle or DID of an account signed in with --sign-in
 *
 * Revokes the account's session on the server and removes it from the keyring.
 *
 * Returns: 0 when signed out, 1 otherwise
 */
int
byline_cli_sign_out (const char *identifier)
{
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  account = byline_cli_find_oauth_account (identifier, TRUE, &error);
  /* An expired session has nothing left to revoke; its keyring entry is removed. */
  if (g_error_matches (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_EXPIRED_TOKEN))
    {
      g_clear_error (&error);
      account = byline_cli_find_oauth_account (identifier, FALSE, &error);
    }
  if (account == NULL)
    {
      g_printerr (_("Could not sign out: %s\n"), error->message);
      return 1;
    }

  byline_account_sign_out_async (account, NULL, store_result_cb, &result);
  if (!byline_account_sign_out_finish (account, wait_for (&result), &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print (_("Signed out %s\n"), identifier);

  return 0;
}
