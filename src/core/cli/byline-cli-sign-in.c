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
                                                      : identifier,
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
