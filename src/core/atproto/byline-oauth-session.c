/* byline-oauth-session.c
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

#define G_LOG_DOMAIN "byline-oauth-session"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-oauth-crypto.h"
#include "byline-oauth-private.h"
#include "byline-oauth-session.h"

/*
 * An AT Protocol OAuth session: DPoP-bound tokens for one account, the key they are bound to,
 * the server's latest nonces, and renewing them one refresh at a time (a refresh token is
 * good for one use only).
 */

#define FORMAT_VERSION  1
/* Renew this long before the access token runs out, or a quarter of a shorter lifetime. */
#define EXPIRY_MARGIN   60

struct _BylineOAuthSession
{
  GObject        parent_instance;

  /* Owned references */
  SoupSession   *http;
  BylineDpopKey *key;
  GHashTable    *nonces;
  char          *did;
  char          *handle;
  char          *pds;
  char          *issuer;
  char          *token_endpoint;
  char          *revocation_endpoint;
  char          *client_id;
  char          *scope;
  char          *access_token;
  char          *refresh_token;
  /* The tasks waiting for the refresh in flight; %NULL when none is. */
  GPtrArray     *refresh_waiters;

  gint64         expires_at;
  gint64         lifetime;
};

G_DEFINE_FINAL_TYPE (BylineOAuthSession, byline_oauth_session, G_TYPE_OBJECT)

G_DEFINE_QUARK (byline-oauth-error-quark, byline_oauth_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
byline_oauth_session_finalize (GObject *object)
{
  BylineOAuthSession *self = (BylineOAuthSession *)object;

  g_clear_object (&self->http);
  g_clear_object (&self->key);
  g_clear_pointer (&self->nonces, g_hash_table_unref);
  g_clear_pointer (&self->did, g_free);
  g_clear_pointer (&self->handle, g_free);
  g_clear_pointer (&self->pds, g_free);
  g_clear_pointer (&self->issuer, g_free);
  g_clear_pointer (&self->token_endpoint, g_free);
  g_clear_pointer (&self->revocation_endpoint, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->scope, g_free);
  g_clear_pointer (&self->access_token, g_free);
  g_clear_pointer (&self->refresh_token, g_free);
  g_clear_pointer (&self->refresh_waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (byline_oauth_session_parent_class)->finalize (object);
}

static void
byline_oauth_session_class_init (BylineOAuthSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = byline_oauth_session_finalize;

  /**
   * BylineOAuthSession::changed:
   *
   * The tokens were renewed; the keyring's copy should follow.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
byline_oauth_session_init (BylineOAuthSession *self)
{
  self->nonces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * byline_oauth_scope_contains:
 * @scope: (nullable): a space-separated scope
 * @wanted: one scope value
 *
 * Returns: whether @scope holds @wanted
 */
gboolean
byline_oauth_scope_contains (const char *scope,
                             const char *wanted)
{
  g_auto(GStrv) values = NULL;

  if (scope == NULL)
    return FALSE;
  values = g_strsplit (scope, " ", -1);

  return g_strv_contains ((const char * const *)values, wanted);
}

BylineOAuthSession *
_byline_oauth_session_new (SoupSession   *http,
                           BylineDpopKey *key,
                           GHashTable    *nonces,
                           JsonObject    *server_metadata,
                           const char    *client_id,
                           const char    *pds,
                           const char    *handle)
{
  BylineOAuthSession *self = g_object_new (BYLINE_TYPE_OAUTH_SESSION, NULL);
  GHashTableIter iter;
  gpointer origin, nonce;

  self->http = g_object_ref (http);
  self->key = g_object_ref (key);
  g_hash_table_iter_init (&iter, nonces);
  while (g_hash_table_iter_next (&iter, &origin, &nonce))
    g_hash_table_insert (self->nonces, g_strdup (origin), g_strdup (nonce));
  self->issuer = g_strdup (json_object_get_string_member (server_metadata, "issuer"));
  self->token_endpoint = g_strdup (json_object_get_string_member (server_metadata,
                                                                  "token_endpoint"));
  self->revocation_endpoint =
    g_strdup (json_object_get_string_member_with_default (server_metadata,
                                                          "revocation_endpoint", NULL));
  self->client_id = g_strdup (client_id);
  self->pds = g_strdup (pds);
  self->handle = g_strdup (handle);

  return self;
}

void
_byline_oauth_session_set_pds (BylineOAuthSession *self,
                               const char         *pds)
{
  g_set_str (&self->pds, pds);
}

void
_byline_oauth_session_set_handle (BylineOAuthSession *self,
                                  const char         *handle)
{
  g_set_str (&self->handle, handle);
}

/* Takes the tokens of a token answer after the checks the AT Protocol requires: DPoP-bound,
 * for the account that was asked for, and with the `atproto` scope. */
gboolean
_byline_oauth_session_apply_tokens (BylineOAuthSession  *self,
                                    JsonObject          *tokens,
                                    const char          *expected_did,
                                    GError             **error)
{
  const char *type = json_object_get_string_member_with_default (tokens, "token_type", NULL);
  const char *access = json_object_get_string_member_with_default (tokens, "access_token", NULL);
  const char *refresh = json_object_get_string_member_with_default (tokens, "refresh_token", NULL);
  const char *sub = json_object_get_string_member_with_default (tokens, "sub", NULL);
  const char *scope = json_object_get_string_member_with_default (tokens, "scope", NULL);
  gint64 expires_in = json_object_get_int_member_with_default (tokens, "expires_in", 0);

  if (type == NULL || g_ascii_strcasecmp (type, "DPoP") != 0 || access == NULL || *access == '\0'
      || sub == NULL || !g_str_has_prefix (sub, "did:"))
    {
      g_set_error_literal (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_INVALID_RESPONSE,
                           _("The authorization server did not answer with DPoP-bound tokens."));
      return FALSE;
    }
  if (expected_did != NULL && !g_str_equal (sub, expected_did))
    {
      g_set_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_SUBJECT_MISMATCH,
                   _("The authorization server signed in %s, not the account asked for (%s)."),
                   sub, expected_did);
      return FALSE;
    }
  if (!byline_oauth_scope_contains (scope, "atproto"))
    {
      g_set_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_SCOPE,
                   _("The authorization server did not grant the “atproto” scope (granted: "
                     "“%s”)."), scope ? scope : "");
      return FALSE;
    }

  g_set_str (&self->did, sub);
  g_set_str (&self->scope, scope);
  g_set_str (&self->access_token, access);
  if (refresh != NULL)
    g_set_str (&self->refresh_token, refresh);
  self->expires_at = expires_in > 0 ? g_get_real_time () / G_USEC_PER_SEC + expires_in : 0;
  self->lifetime = expires_in;
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

static const char *
member (JsonObject *object,
        const char *name)
{
  return json_object_get_string_member_with_default (object, name, NULL);
}

/**
 * byline_oauth_session_new_from_json:
 * @json: what [method@OAuthSession.to_json] wrote
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the session, as it was kept in the keyring
 */
BylineOAuthSession *
byline_oauth_session_new_from_json (const char  *json,
                                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(BylineOAuthSession) self = NULL;
  JsonObject *object;
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser))
      || json_object_get_int_member_with_default (object = json_node_get_object (root),
                                                  "version", 0) != FORMAT_VERSION
      || member (object, "did") == NULL || member (object, "issuer") == NULL
      || member (object, "token_endpoint") == NULL || member (object, "dpop_key") == NULL
      || member (object, "pds") == NULL || member (object, "client_id") == NULL)
    {
      g_set_error_literal (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_INVALID_RESPONSE,
                           _("The kept sign-in is damaged. Sign in again."));
      return NULL;
    }

  self = g_object_new (BYLINE_TYPE_OAUTH_SESSION, NULL);
  if (!(self->key = byline_dpop_key_new_from_pem (member (object, "dpop_key"), error)))
    return NULL;
  self->http = _byline_oauth_http_new ();
  self->did = g_strdup (member (object, "did"));
  self->handle = g_strdup (member (object, "handle"));
  self->pds = g_strdup (member (object, "pds"));
  self->issuer = g_strdup (member (object, "issuer"));
  self->token_endpoint = g_strdup (member (object, "token_endpoint"));
  self->revocation_endpoint = g_strdup (member (object, "revocation_endpoint"));
  self->client_id = g_strdup (member (object, "client_id"));
  self->scope = g_strdup (member (object, "scope"));
  self->access_token = g_strdup (member (object, "access_token"));
  self->refresh_token = g_strdup (member (object, "refresh_token"));
  self->expires_at = json_object_get_int_member_with_default (object, "expires_at", 0);
  self->lifetime = json_object_get_int_member_with_default (object, "lifetime", 0);

  return g_steal_pointer (&self);
}

static void
set_member (JsonObject *object,
            const char *name,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
}

/**
 * byline_oauth_session_to_json:
 * @self: a session
 * @error: return location for an error
 *
 * The whole session with its private key, for the keyring and nowhere else.
 *
 * Returns: (transfer full) (nullable): JSON text
 */
char *
byline_oauth_session_to_json (BylineOAuthSession  *self,
                              GError             **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *pem = NULL;

  g_return_val_if_fail (BYLINE_IS_OAUTH_SESSION (self), NULL);

  if (!(pem = byline_dpop_key_to_pem (self->key, error)))
    return NULL;
  json_object_set_int_member (object, "version", FORMAT_VERSION);
  set_member (object, "did", self->did);
  set_member (object, "handle", self->handle);
  set_member (object, "pds", self->pds);
  set_member (object, "issuer", self->issuer);
  set_member (object, "token_endpoint", self->token_endpoint);
  set_member (object, "revocation_endpoint", self->revocation_endpoint);
  set_member (object, "client_id", self->client_id);
  set_member (object, "scope", self->scope);
  set_member (object, "access_token", self->access_token);
  set_member (object, "refresh_token", self->refresh_token);
  json_object_set_int_member (object, "expires_at", self->expires_at);
  json_object_set_int_member (object, "lifetime", self->lifetime);
  set_member (object, "dpop_key", pem);
  json_node_set_object (node, object);

  return json_to_string (node, FALSE);
}

const char *
byline_oauth_session_get_did (BylineOAuthSession *self)
{
  g_return_val_if_fail (BYLINE_IS_OAUTH_SESSION (self), NULL);
  return self->did;
}

const char *
byline_oauth_session_get_handle (BylineOAuthSession *self)
{
  g_return_val_if_fail (BYLINE_IS_OAUTH_SESSION (self), NULL);
  return self->handle;
}

const char *
byline_oauth_session_get_pds (BylineOAuthSession *self)
{
  g_return_val_if_fail (BYLINE_IS_OAUTH_SESSION (self), NULL);
  return self->pds;
}

const char *
byline_oauth_session_get_issuer (BylineOAuthSession *self)
{
  g_return_val_if_fail (BYLINE_IS_OAUTH_SESSION (self), NULL);
  return self->issuer;
}

const char *
byline_oauth_session_get_scope (BylineOAuthSession *self)
{
  g_return_val_if_fail (BYLINE_IS_OAUTH_SESSION (self), NULL);
  return self->scope;
}

const char *
byline_oauth_session_get_access_token (BylineOAuthSession *self)
{
  g_return_val_if_fail (BYLINE_IS_OAUTH_SESSION (self), NULL);
  return self->access_token;
}

gint64
byline_oauth_session_get_expires_at (BylineOAuthSession *self)
{
  g_return_val_if_fail (BYLINE_IS_OAUTH_SESSION (self), 0);
  return self->expires_at;
}

/**
 * byline_oauth_session_is_expiring:
 * @self: a session
 *
 * Returns: whether the access token is gone or runs out within a minute (a quarter of its
 *   lifetime when that is shorter), so that it should be renewed before the next request
 */
gboolean
byline_oauth_session_is_expiring (BylineOAuthSession *self)
{
  gint64 margin;

  g_return_val_if_fail (BYLINE_IS_OAUTH_SESSION (self), TRUE);

  margin = self->lifetime > 0 ? MIN (EXPIRY_MARGIN, self->lifetime / 4) : EXPIRY_MARGIN;

  return self->access_token == NULL
         || (self->expires_at > 0
             && g_get_real_time () / G_USEC_PER_SEC + margin >= self->expires_at);
}

/**
 * byline_oauth_session_get_nonce:
 * @self: a session
 * @url: an address on a server
 *
 * Returns: (nullable): the latest `DPoP-Nonce` that server sent
 */
const char *
byline_oauth_session_get_nonce (BylineOAuthSession *self,
                                const char         *url)
{
  g_autofree char *origin = NULL;

  g_return_val_if_fail (BYLINE_IS_OAUTH_SESSION (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  origin = _byline_oauth_origin (url);

  return g_hash_table_lookup (self->nonces, origin);
}

/**
 * byline_oauth_session_authorize_message:
 * @self: a session
 * @msg: a request to the account's PDS
 * @error: return location for an error
 *
 * Adds the access token and a fresh DPoP proof, with the PDS's latest nonce and the token's
 * hash, to @msg.
 *
 * Returns: %TRUE when @msg carries them
 */
gboolean
byline_oauth_session_authorize_message (BylineOAuthSession  *self,
                                        SoupMessage         *msg,
                                        GError             **error)
{
  g_autofree char *url = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *proof = NULL;
  g_autofree char *authorization = NULL;
  SoupMessageHeaders *headers;

  g_return_val_if_fail (BYLINE_IS_OAUTH_SESSION (self), FALSE);
  g_return_val_if_fail (SOUP_IS_MESSAGE (msg), FALSE);

  if (self->access_token == NULL)
    {
      g_set_error_literal (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_SESSION_EXPIRED,
                           _("The session has expired. Sign in again."));
      return FALSE;
    }

  url = g_uri_to_string (soup_message_get_uri (msg));
  origin = _byline_oauth_origin (url);
  proof = byline_dpop_key_create_proof (self->key, soup_message_get_method (msg), url,
                                        g_hash_table_lookup (self->nonces, origin),
                                        self->access_token, error);
  if (proof == NULL)
    return FALSE;

  headers = soup_message_get_request_headers (msg);
  authorization = g_strdup_printf ("DPoP %s", self->access_token);
  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "DPoP", proof);

  return TRUE;
}

/**
 * byline_oauth_session_take_nonce:
 * @self: a session
 * @msg: a request that was answered
 *
 * Keeps the `DPoP-Nonce` the server sent for its origin.
 *
 * Returns: whether the nonce is new, so that a request refused for its nonce is worth
 *   repeating
 */
gboolean
byline_oauth_session_take_nonce (BylineOAuthSession *self,
                                 SoupMessage        *msg)
{
  const char *nonce;
  g_autofree char *url = NULL;
  g_autofree char *origin = NULL;

  g_return_val_if_fail (BYLINE_IS_OAUTH_SESSION (self), FALSE);

  nonce = soup_message_headers_get_one (soup_message_get_response_headers (msg), "DPoP-Nonce");
  if (nonce == NULL)
    return FALSE;
  url = g_uri_to_string (soup_message_get_uri (msg));
  origin = _byline_oauth_origin (url);
  if (g_strcmp0 (g_hash_table_lookup (self->nonces, origin), nonce) == 0)
    return FALSE;
  g_hash_table_replace (self->nonces, g_steal_pointer (&origin), g_strdup (nonce));

  return TRUE;
}

static void
finish_refresh (BylineOAuthSession *self,
                const GError       *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->refresh_waiters);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BylineOAuthSession) self = user_data;
  g_autoptr(JsonObject) tokens = NULL;
  g_autoptr(GError) error = NULL;

  tokens = _byline_oauth_post_finish (result, &error);
  if (tokens != NULL)
    _byline_oauth_session_apply_tokens (self, tokens, self->did, &error);
  else if (g_error_matches (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_SESSION_EXPIRED))
    {
      /* The refresh token is spent or revoked: nothing can renew this session. */
      g_clear_pointer (&self->access_token, g_free);
      g_clear_pointer (&self->refresh_token, g_free);
      g_signal_emit (self, signals[CHANGED], 0);
    }

  finish_refresh (self, error);
}

/**
 * byline_oauth_session_refresh_async:
 * @self: a session
 * @cancellable: (nullable): a cancellable
 * @callback: called when the tokens are renewed
 * @user_data: data for @callback
 *
 * Renews the tokens with the refresh token. A refresh token is good for one use only, so a
 * call while a refresh is under way waits for that one instead of starting its own. A
 * session that can no longer be renewed fails with %BYLINE_OAUTH_ERROR_SESSION_EXPIRED.
 */
void
byline_oauth_session_refresh_async (BylineOAuthSession  *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GHashTable) form = NULL;
  GTask *task;

  g_return_if_fail (BYLINE_IS_OAUTH_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_oauth_session_refresh_async);

  if (self->refresh_waiters != NULL)
    {
      g_ptr_array_add (self->refresh_waiters, task);
      return;
    }
  if (self->refresh_token == NULL)
    {
      g_task_return_new_error (task, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_SESSION_EXPIRED,
                               _("The session has expired. Sign in again."));
      g_object_unref (task);
      return;
    }

  self->refresh_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->refresh_waiters, task);
  form = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (form, "grant_type", "refresh_token");
  g_hash_table_insert (form, "refresh_token", self->refresh_token);
  g_hash_table_insert (form, "client_id", self->client_id);
  /* Not the caller's cancellable: abandoning a refresh midway could spend the refresh token
   * without keeping its successor. */
  _byline_oauth_post_async (self->http, self->key, self->nonces, self->token_endpoint, form,
                            NULL, refreshed_cb, g_object_ref (self));
}

gboolean
byline_oauth_session_refresh_finish (BylineOAuthSession  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
revoked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineOAuthSession *self = g_task_get_source_object (task);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = _byline_oauth_post_finish (result, &error);
  /* RFC 7009: an unknown or already revoked token is not an error. */
  if (answer == NULL && !g_error_matches (error, BYLINE_OAUTH_ERROR,
                                          BYLINE_OAUTH_ERROR_INVALID_RESPONSE)
      && !g_error_matches (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_SESSION_EXPIRED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_clear_pointer (&self->access_token, g_free);
  g_clear_pointer (&self->refresh_token, g_free);
  g_task_return_boolean (task, TRUE);
}

/**
 * byline_oauth_session_revoke_async:
 * @self: a session
 * @cancellable: (nullable): a cancellable
 * @callback: called when the server has revoked the session
 * @user_data: data for @callback
 *
 * Revokes the session on the authorization server (RFC 7009): revoking the refresh token
 * ends the whole grant. Afterwards the session holds no token.
 */
void
byline_oauth_session_revoke_async (BylineOAuthSession  *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GHashTable) form = NULL;
  GTask *task;
  const char *token;

  g_return_if_fail (BYLINE_IS_OAUTH_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_oauth_session_revoke_async);
  token = self->refresh_token ? self->refresh_token : self->access_token;
  if (self->revocation_endpoint == NULL || token == NULL)
    {
      g_clear_pointer (&self->access_token, g_free);
      g_clear_pointer (&self->refresh_token, g_free);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  form = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (form, "token", (char *)token);
  g_hash_table_insert (form, "client_id", self->client_id);
  _byline_oauth_post_async (self->http, self->key, self->nonces, self->revocation_endpoint, form,
                            cancellable, revoked_cb, task);
}

gboolean
byline_oauth_session_revoke_finish (BylineOAuthSession  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
