/* byline-account.c
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

#define G_LOG_DOMAIN "byline-account"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "byline-account.h"

#define KIND_APP_PASSWORD  "app-password"
#define KIND_REFRESH_TOKEN "refresh-token"
/* An AT Protocol OAuth session: its tokens and its DPoP private key, as JSON. */
#define KIND_OAUTH_SESSION "oauth-session"

/* An account's app password and refresh token live only in the keyring (the Secret portal
 * inside Flatpak); the account's DID, handle and PDS are attributes of those items, so the
 * list of accounts needs no file either. */
struct _BylineAccount
{
  GObject           parent_instance;

  /* Owned references */
  char             *did;
  char             *handle;
  char             *service;
  BylineXrpcClient *client;

  /* Keyring writes under way, so that a command can wait for them before it exits, and the
   * last one that failed. */
  guint             storing;
  GError           *keyring_error;

  guint             oauth : 1;
};

typedef struct
{
  BylineAccount *account;
  const char    *kind;
} Store;

typedef struct
{
  char             *identifier;
  char             *password;
  BylineXrpcClient *client;
} SignIn;

G_DEFINE_FINAL_TYPE (BylineAccount, byline_account, G_TYPE_OBJECT)

static void follow_client (BylineAccount *self);

static const SecretSchema *
account_schema (void)
{
  static const SecretSchema schema = {
    "io.github.byline.Byline.Account", SECRET_SCHEMA_NONE,
    {
      { "did", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "handle", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
sign_in_free (SignIn *state)
{
  g_free (state->identifier);
  g_free (state->password);
  g_clear_object (&state->client);
  g_free (state);
}

static void
byline_account_finalize (GObject *object)
{
  BylineAccount *self = (BylineAccount *)object;

  g_clear_pointer (&self->did, g_free);
  g_clear_pointer (&self->handle, g_free);
  g_clear_pointer (&self->service, g_free);
  g_clear_object (&self->client);
  g_clear_error (&self->keyring_error);

  G_OBJECT_CLASS (byline_account_parent_class)->finalize (object);
}

static void
byline_account_class_init (BylineAccountClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = byline_account_finalize;
}

static void
byline_account_init (BylineAccount *self)
{
}

/**
 * byline_account_new:
 * @did: the account's DID
 * @handle: (nullable): its handle
 * @service: its PDS URL
 *
 * Returns: (transfer full): an account that is not signed in yet
 */
BylineAccount *
byline_account_new (const char *did,
                    const char *handle,
                    const char *service)
{
  BylineAccount *self;

  g_return_val_if_fail (did != NULL && service != NULL, NULL);

  self = g_object_new (BYLINE_TYPE_ACCOUNT, NULL);
  self->did = g_strdup (did);
  self->handle = g_strdup (handle);
  self->service = g_strdup (service);
  self->client = byline_xrpc_client_new (service);
  follow_client (self);

  return self;
}

const char *
byline_account_get_did (BylineAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (self), NULL);

  return self->did;
}

const char *
byline_account_get_handle (BylineAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (self), NULL);

  return self->handle;
}

const char *
byline_account_get_service (BylineAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (self), NULL);

  return self->service;
}

/**
 * byline_account_dup_client:
 *
 * Returns: (transfer full): the account's client, signed in after a sign-in or resume
 */
BylineXrpcClient *
byline_account_dup_client (BylineAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (self), NULL);

  return g_object_ref (self->client);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Store *store = user_data;
  g_autoptr(GError) error = NULL;

  /* Without a keyring the session still works, it is just not remembered. */
  if (!secret_password_store_finish (result, &error))
    {
      g_warning ("Could not keep the account’s %s in the keyring: %s", store->kind,
                 error->message);
      g_clear_error (&store->account->keyring_error);
      store->account->keyring_error = g_steal_pointer (&error);
    }
  store->account->storing--;
  g_object_unref (store->account);
  g_free (store);
}

static void
store_secret (BylineAccount *self,
              const char    *kind,
              const char    *secret)
{
  g_autofree char *label = g_strdup_printf (_("Byline: %s for %s"),
                                            g_str_equal (kind, KIND_APP_PASSWORD)
                                              ? _("app password")
                                              : g_str_equal (kind, KIND_OAUTH_SESSION)
                                                ? _("sign-in") : _("session"),
                                            self->handle ? self->handle : self->did);

  Store *store;

  if (secret == NULL)
    return;
  store = g_new0 (Store, 1);
  store->account = g_object_ref (self);
  store->kind = kind;
  self->storing++;
  secret_password_store (account_schema (), SECRET_COLLECTION_DEFAULT, label, secret, NULL,
                         stored_cb, store,
                         "did", self->did,
                         "handle", self->handle ? self->handle : "",
                         "service", self->service,
                         "kind", kind,
                         NULL);
}

static void
session_changed_cb (BylineAccount    *self,
                    BylineXrpcClient *client)
{
  store_secret (self, KIND_REFRESH_TOKEN, byline_xrpc_client_get_refresh_token (client));
}

static void
oauth_changed_cb (BylineAccount      *self,
                  BylineOAuthSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = byline_oauth_session_to_json (session, &error);

  if (json == NULL)
    g_warning ("Could not keep the account’s sign-in: %s", error->message);
  else
    store_secret (self, KIND_OAUTH_SESSION, json);
}

static void
follow_oauth (BylineAccount      *self,
              BylineOAuthSession *session)
{
  self->oauth = TRUE;
  byline_xrpc_client_set_oauth_session (self->client, session);
  /* Each refresh spends the refresh token; the keyring keeps its successor. */
  g_signal_connect_object (session, "changed", G_CALLBACK (oauth_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * byline_account_new_for_oauth_session:
 * @session: a session from [method@OAuthSignIn.run_async]
 *
 * Makes an account of an OAuth session and keeps the session, with its key, in the keyring.
 *
 * Returns: (transfer full): the signed-in account
 */
BylineAccount *
byline_account_new_for_oauth_session (BylineOAuthSession *session)
{
  BylineAccount *self;

  g_return_val_if_fail (BYLINE_IS_OAUTH_SESSION (session), NULL);

  self = byline_account_new (byline_oauth_session_get_did (session),
                             byline_oauth_session_get_handle (session),
                             byline_oauth_session_get_pds (session));
  follow_oauth (self, session);
  oauth_changed_cb (self, session);

  return self;
}

/**
 * byline_account_is_storing:
 *
 * Returns: whether secrets are still being written to the keyring; a command waits for this
 *   to turn %FALSE before it exits, or a renewed session could be lost
 */
gboolean
byline_account_is_storing (BylineAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (self), FALSE);

  return self->storing > 0;
}

/**
 * byline_account_get_keyring_error:
 *
 * Returns: (nullable): why the keyring last refused to keep one of the account's secrets
 */
const GError *
byline_account_get_keyring_error (BylineAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (self), NULL);

  return self->keyring_error;
}

/**
 * byline_account_uses_oauth:
 *
 * Returns: whether the account signs in with AT Protocol OAuth rather than an app password
 */
gboolean
byline_account_uses_oauth (BylineAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (self), FALSE);

  return self->oauth;
}

static void
follow_client (BylineAccount *self)
{
  /* Renewing a session replaces the refresh token; keep the keyring's copy current. */
  g_signal_connect_object (self->client, "session-changed", G_CALLBACK (session_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
session_created_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *state = g_task_get_task_data (task);
  BylineXrpcClient *client = BYLINE_XRPC_CLIENT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineAccount) account = NULL;

  if (!byline_xrpc_client_create_session_finish (client, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  account = g_object_new (BYLINE_TYPE_ACCOUNT, NULL);
  account->did = g_strdup (byline_xrpc_client_get_did (client));
  account->handle = g_strdup (byline_xrpc_client_get_handle (client));
  account->service = g_strdup (byline_xrpc_client_get_service (client));
  account->client = g_object_ref (client);
  follow_client (account);
  store_secret (account, KIND_APP_PASSWORD, state->password);
  store_secret (account, KIND_REFRESH_TOKEN, byline_xrpc_client_get_refresh_token (client));

  g_task_return_pointer (task, g_steal_pointer (&account), g_object_unref);
}

static void
create_session (GTask *task)
{
  SignIn *state = g_task_get_task_data (task);

  byline_xrpc_client_create_session_async (state->client, state->identifier, state->password,
                                           g_task_get_cancellable (task), session_created_cb,
                                           task);
}

static void
did_resolved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  SignIn *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autofree char *pds = NULL;

  document = byline_xrpc_client_resolve_did_finish (state->client, result, &error);
  if (document != NULL && (pds = byline_xrpc_did_document_get_pds (document)) == NULL)
    g_set_error_literal (&error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNKNOWN_HANDLE,
                         _("The account names no PDS."));
  if (pds == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  byline_xrpc_client_set_service (state->client, pds);
  create_session (task);
}

static void
handle_resolved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  SignIn *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *did = byline_xrpc_client_resolve_handle_finish (state->client, result, &error);

  if (did == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  byline_xrpc_client_resolve_did_async (state->client, did, g_task_get_cancellable (task),
                                        did_resolved_cb, task);
}

/**
 * byline_account_sign_in_async:
 * @identifier: a handle or DID
 * @app_password: an app password
 * @service: (nullable): the PDS URL; %NULL finds it from the identifier (handle, then DID
 *   document)
 * @plc_directory: (nullable): where `did:plc` documents come from; %NULL for the public one
 * @cancellable: (nullable): a cancellable
 * @callback: called when signed in
 * @user_data: data for @callback
 *
 * Signs in and keeps the app password and refresh token in the keyring.
 */
void
byline_account_sign_in_async (const char          *identifier,
                              const char          *app_password,
                              const char          *service,
                              const char          *plc_directory,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  SignIn *state;

  g_return_if_fail (identifier != NULL && app_password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_account_sign_in_async);
  state = g_new0 (SignIn, 1);
  state->identifier = g_strdup (identifier);
  state->password = g_strdup (app_password);
  state->client = byline_xrpc_client_new (service && *service ? service : NULL);
  byline_xrpc_client_set_plc_directory (state->client, plc_directory);
  g_task_set_task_data (task, state, (GDestroyNotify)sign_in_free);

  if (service != NULL && *service != '\0')
    create_session (task);
  else if (g_str_has_prefix (identifier, "did:"))
    byline_xrpc_client_resolve_did_async (state->client, identifier, cancellable,
                                          did_resolved_cb, task);
  else
    byline_xrpc_client_resolve_handle_async (state->client, identifier, cancellable,
                                             handle_resolved_cb, task);
}

/**
 * byline_account_sign_in_finish:
 *
 * Returns: (transfer full): the signed-in account
 */
BylineAccount *
byline_account_sign_in_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
resume_session_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineAccount *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!byline_xrpc_client_create_session_finish (self->client, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
app_password_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineAccount *self = g_task_get_source_object (task);
  char *password = secret_password_lookup_finish (result, NULL);

  if (password == NULL)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_EXPIRED_TOKEN,
                               _("The session has expired. Sign in again."));
      return;
    }

  byline_xrpc_client_create_session_async (self->client, self->did, password,
                                           g_task_get_cancellable (task), resume_session_cb,
                                           g_object_ref (task));
  secret_password_free (password);
}

static void
resume_refresh_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineAccount *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (byline_xrpc_client_refresh_session_finish (self->client, result, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_error_matches (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNREACHABLE)
      || g_error_matches (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_TIMEOUT))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The refresh token expired too: sign in again with the kept app password. */
  secret_password_lookup (account_schema (), g_task_get_cancellable (task),
                          app_password_cb, g_object_ref (task),
                          "did", self->did, "kind", KIND_APP_PASSWORD, NULL);
}

static void
refresh_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineAccount *self = g_task_get_source_object (task);
  char *refresh = secret_password_lookup_finish (result, NULL);

  /* Without a refresh token, the renewal fails and the app password is tried. */
  byline_xrpc_client_set_session (self->client, self->did, self->handle, NULL, refresh);
  secret_password_free (refresh);
  byline_xrpc_client_refresh_session_async (self->client, g_task_get_cancellable (task),
                                            resume_refresh_cb, g_object_ref (task));
}

static void
oauth_session_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineAccount *self = g_task_get_source_object (task);
  g_autoptr(BylineOAuthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  char *json = secret_password_lookup_finish (result, NULL);

  if (json == NULL)
    {
      /* An app-password account: its refresh token, then its app password. */
      secret_password_lookup (account_schema (), g_task_get_cancellable (task), refresh_token_cb,
                              g_object_ref (task),
                              "did", self->did, "kind", KIND_REFRESH_TOKEN, NULL);
      return;
    }
  session = byline_oauth_session_new_from_json (json, &error);
  secret_password_free (json);
  if (session == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (byline_oauth_session_get_access_token (session) == NULL)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_EXPIRED_TOKEN,
                               _("The session has expired. Sign in again."));
      return;
    }

  /* The tokens are renewed when a request needs them, not here. */
  follow_oauth (self, session);
  g_task_return_boolean (task, TRUE);
}

/**
 * byline_account_resume_async:
 * @self: an account from [func@Account.list_async]
 * @cancellable: (nullable): a cancellable
 * @callback: called when signed in
 * @user_data: data for @callback
 *
 * Signs in again from the keyring: the OAuth session if there is one, else the refresh token
 * and then the app password.
 */
void
byline_account_resume_async (BylineAccount       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_account_resume_async);
  secret_password_lookup (account_schema (), cancellable, oauth_session_cb, task,
                          "did", self->did, "kind", KIND_OAUTH_SESSION, NULL);
}

gboolean
byline_account_resume_finish (BylineAccount  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  GError *revocation = g_task_get_task_data (task);

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (revocation != NULL)
    g_task_return_new_error (task, revocation->domain, revocation->code,
                             _("Signed out on this computer, but the server could not revoke "
                               "the sign-in: %s"), revocation->message);
  else
    g_task_return_boolean (task, TRUE);
}

static void
revoked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  BylineAccount *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  /* Whatever the server said, this computer forgets the session; a failed revocation is
   * still reported. */
  if (!byline_oauth_session_revoke_finish (BYLINE_OAUTH_SESSION (object), result, &error))
    g_task_set_task_data (task, g_steal_pointer (&error), (GDestroyNotify)g_error_free);
  byline_xrpc_client_set_session (self->client, NULL, NULL, NULL, NULL);
  secret_password_clear (account_schema (), g_task_get_cancellable (task), cleared_cb, task,
                         "did", self->did, NULL);
}

/**
 * byline_account_sign_out_async:
 * @self: an account
 * @cancellable: (nullable): a cancellable
 * @callback: called when the keyring no longer holds the account's secrets (and an OAuth
 *   session has been revoked on the server)
 * @user_data: data for @callback
 */
void
byline_account_sign_out_async (BylineAccount       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  BylineOAuthSession *session;
  GTask *task;

  g_return_if_fail (BYLINE_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_account_sign_out_async);
  session = byline_xrpc_client_get_oauth_session (self->client);
  if (session != NULL)
    {
      /* Revoked on the server first, so that no copy of the tokens stays valid. */
      byline_oauth_session_revoke_async (session, cancellable, revoked_cb, task);
      return;
    }
  byline_xrpc_client_set_session (self->client, NULL, NULL, NULL, NULL);
  secret_password_clear (account_schema (), cancellable, cleared_cb, task, "did", self->did, NULL);
}

gboolean
byline_account_sign_out_finish (BylineAccount  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) accounts = g_list_store_new (BYLINE_TYPE_ACCOUNT);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GList *items = secret_password_search_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *did = g_hash_table_lookup (attributes, "did");
      const char *service = g_hash_table_lookup (attributes, "service");
      const char *handle = g_hash_table_lookup (attributes, "handle");
      const char *kind = g_hash_table_lookup (attributes, "kind");
      BylineAccount *account;

      if (did == NULL || service == NULL
          || (g_strcmp0 (kind, KIND_APP_PASSWORD) != 0
              && g_strcmp0 (kind, KIND_OAUTH_SESSION) != 0))
        continue;
      if ((account = g_hash_table_lookup (seen, did)) == NULL)
        {
          g_autoptr(BylineAccount) added = byline_account_new (did, handle && *handle ? handle
                                                                                    : NULL,
                                                               service);

          account = added;
          g_hash_table_insert (seen, g_strdup (did), account);
          g_list_store_append (accounts, added);
        }
      if (g_strcmp0 (kind, KIND_OAUTH_SESSION) == 0)
        account->oauth = TRUE;
    }
  g_list_free_full (items, g_object_unref);

  g_task_return_pointer (task, g_steal_pointer (&accounts), g_object_unref);
}

/**
 * byline_account_list_async:
 * @cancellable: (nullable): a cancellable
 * @callback: called with the accounts in the keyring
 * @user_data: data for @callback
 */
void
byline_account_list_async (GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, byline_account_list_async);
  secret_password_search (account_schema (), SECRET_SEARCH_ALL, cancellable, searched_cb, task,
                          NULL);
}

/**
 * byline_account_list_finish:
 *
 * Returns: (transfer full): a list of [class@Account]
 */
GListModel *
byline_account_list_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
