/* byline-oauth-flow.c
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

#define G_LOG_DOMAIN "byline-oauth-flow"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-oauth-crypto.h"
#include "byline-oauth-flow.h"
#include "byline-oauth-private.h"

/*
 * Signing in with AT Protocol OAuth. Starting: handle → DID → DID document → PDS → the PDS's
 * protected-resource metadata → its authorization server's metadata, each checked, then a
 * pushed authorization request with PKCE and DPoP; the answer is the address to open in the
 * browser. Completing: the redirect's `state` and `iss` are checked, the code is exchanged,
 * and the tokens must be for the account that was resolved and carry the `atproto` scope.
 */

struct _BylineOAuthFlow
{
  GObject           parent_instance;

  /* Owned references */
  BylineXrpcClient *resolver;
  SoupSession      *http;
  GHashTable       *nonces;
  BylineDpopKey    *key;
  JsonObject       *server_metadata;
  char             *client_id;
  char             *identifier;
  char             *redirect_uri;
  char             *did;
  char             *handle;
  char             *pds;
  char             *issuer;
  char             *scope;
  char             *verifier;
  char             *state;

  guint             scope_fallback : 1;
  guint             started : 1;
};

G_DEFINE_FINAL_TYPE (BylineOAuthFlow, byline_oauth_flow, G_TYPE_OBJECT)

static void
byline_oauth_flow_finalize (GObject *object)
{
  BylineOAuthFlow *self = (BylineOAuthFlow *)object;

  g_clear_object (&self->resolver);
  g_clear_object (&self->http);
  g_clear_pointer (&self->nonces, g_hash_table_unref);
  g_clear_object (&self->key);
  g_clear_pointer (&self->server_metadata, json_object_unref);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->identifier, g_free);
  g_clear_pointer (&self->redirect_uri, g_free);
  g_clear_pointer (&self->did, g_free);
  g_clear_pointer (&self->handle, g_free);
  g_clear_pointer (&self->pds, g_free);
  g_clear_pointer (&self->issuer, g_free);
  g_clear_pointer (&self->scope, g_free);
  g_clear_pointer (&self->verifier, g_free);
  g_clear_pointer (&self->state, g_free);

  G_OBJECT_CLASS (byline_oauth_flow_parent_class)->finalize (object);
}

static void
byline_oauth_flow_class_init (BylineOAuthFlowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = byline_oauth_flow_finalize;
}

static void
byline_oauth_flow_init (BylineOAuthFlow *self)
{
  self->http = _byline_oauth_http_new ();
  self->nonces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->scope = g_strdup (BYLINE_OAUTH_SCOPE_GRANULAR);
}

/**
 * byline_oauth_flow_new:
 * @resolver: a client that resolves handles and DIDs (its PLC directory is used)
 * @client_id: (nullable): the https address of Byline's client metadata document, or %NULL
 *   for the development loopback client the AT Protocol allows
 *
 * Returns: (transfer full): a sign-in flow, used once
 */
BylineOAuthFlow *
byline_oauth_flow_new (BylineXrpcClient *resolver,
                       const char       *client_id)
{
  BylineOAuthFlow *self;

  g_return_val_if_fail (BYLINE_IS_XRPC_CLIENT (resolver), NULL);

  self = g_object_new (BYLINE_TYPE_OAUTH_FLOW, NULL);
  self->resolver = g_object_ref (resolver);
  self->client_id = g_strdup (client_id);

  return self;
}

/**
 * byline_oauth_flow_dup_client_id:
 * @self: a flow
 *
 * Returns: (transfer full): the `client_id` sent to the server: the hosted metadata address,
 *   or `http://localhost?redirect_uri=…&scope=…` for the development loopback client
 */
char *
byline_oauth_flow_dup_client_id (BylineOAuthFlow *self)
{
  g_autofree char *redirect = NULL;
  g_autofree char *scope = NULL;

  g_return_val_if_fail (BYLINE_IS_OAUTH_FLOW (self), NULL);

  if (self->client_id != NULL)
    return g_strdup (self->client_id);
  redirect = g_uri_escape_string (self->redirect_uri ? self->redirect_uri : "http://127.0.0.1/",
                                  NULL, FALSE);
  scope = g_uri_escape_string (self->scope, NULL, FALSE);

  return g_strdup_printf ("http://localhost?redirect_uri=%s&scope=%s", redirect, scope);
}

/**
 * byline_oauth_flow_get_scope:
 *
 * Returns: the scope asked for
 */
const char *
byline_oauth_flow_get_scope (BylineOAuthFlow *self)
{
  g_return_val_if_fail (BYLINE_IS_OAUTH_FLOW (self), NULL);
  return self->scope;
}

/**
 * byline_oauth_flow_is_scope_fallback:
 *
 * Returns: whether the server refused the granular permissions, so that Byline asked for the
 *   broad `transition:generic` scope instead
 */
gboolean
byline_oauth_flow_is_scope_fallback (BylineOAuthFlow *self)
{
  g_return_val_if_fail (BYLINE_IS_OAUTH_FLOW (self), FALSE);
  return self->scope_fallback;
}

/**
 * byline_oauth_flow_get_issuer:
 *
 * Returns: (nullable): the authorization server, once the flow has started
 */
const char *
byline_oauth_flow_get_issuer (BylineOAuthFlow *self)
{
  g_return_val_if_fail (BYLINE_IS_OAUTH_FLOW (self), NULL);
  return self->issuer;
}

/**
 * byline_oauth_check_redirect_uri:
 * @redirect_uri: where the authorization server sends the browser back
 * @error: return location for an error
 *
 * A native client's redirect must reach this machine only: `http` to the loopback IP literal
 * with an explicit port (RFC 8252, section 7.3).
 *
 * Returns: whether @redirect_uri is such an address
 */
gboolean
byline_oauth_check_redirect_uri (const char  *redirect_uri,
                                 GError     **error)
{
  g_autoptr(GUri) uri = redirect_uri ? g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri != NULL && g_str_equal (g_uri_get_scheme (uri), "http") && g_uri_get_port (uri) > 0
      && g_uri_get_userinfo (uri) == NULL && g_uri_get_fragment (uri) == NULL
      && (g_strcmp0 (g_uri_get_host (uri), "127.0.0.1") == 0
          || g_strcmp0 (g_uri_get_host (uri), "::1") == 0))
    return TRUE;

  g_set_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_NOT_LOOPBACK,
               _("“%s” is not a loopback address; Byline only receives sign-ins on this "
                 "computer."), redirect_uri ? redirect_uri : "");

  return FALSE;
}

static gboolean
array_contains (JsonObject *object,
                const char *name,
                const char *value)
{
  JsonArray *array;

  if (!json_object_has_member (object, name)
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, name)))
    return FALSE;
  array = json_object_get_array_member (object, name);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          && g_str_equal (json_node_get_string (node), value))
        return TRUE;
    }

  return FALSE;
}

static gboolean
flag (JsonObject *metadata,
      const char *name)
{
  return json_object_get_boolean_member_with_default (metadata, name, FALSE);
}

static gboolean
metadata_error (GError     **error,
                const char  *issuer,
                const char  *what)
{
  g_set_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_INVALID_METADATA,
               _("The authorization server %s does not support AT Protocol sign-in: %s."),
               issuer, what);

  return FALSE;
}

/**
 * byline_oauth_check_server_metadata:
 * @metadata: the document at `/.well-known/oauth-authorization-server`
 * @issuer: the authorization server it was fetched from
 * @error: return location for an error
 *
 * The checks the AT Protocol requires of an authorization server's metadata: the same
 * issuer, the `atproto` scope, PAR, PKCE S256, DPoP with ES256, public clients, the `iss`
 * answer parameter, client metadata documents, and secure endpoints.
 *
 * Returns: whether Byline can sign in with this server
 */
gboolean
byline_oauth_check_server_metadata (JsonObject  *metadata,
                                    const char  *issuer,
                                    GError     **error)
{
  const char *endpoints[] = { "authorization_endpoint", "token_endpoint",
                              "pushed_authorization_request_endpoint" };
  const char *revocation;

  g_return_val_if_fail (metadata != NULL && issuer != NULL, FALSE);

  if (g_strcmp0 (json_object_get_string_member_with_default (metadata, "issuer", NULL),
                 issuer) != 0)
    {
      g_set_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_ISSUER_MISMATCH,
                   _("The authorization server at %s calls itself “%s”."), issuer,
                   json_object_get_string_member_with_default (metadata, "issuer", ""));
      return FALSE;
    }
  if (!array_contains (metadata, "scopes_supported", "atproto"))
    return metadata_error (error, issuer, _("no “atproto” scope"));
  if (!array_contains (metadata, "response_types_supported", "code")
      || !array_contains (metadata, "grant_types_supported", "authorization_code")
      || !array_contains (metadata, "grant_types_supported", "refresh_token"))
    return metadata_error (error, issuer, _("no authorization code or refresh grants"));
  if (!array_contains (metadata, "code_challenge_methods_supported", "S256"))
    return metadata_error (error, issuer, _("no PKCE with S256"));
  if (!array_contains (metadata, "dpop_signing_alg_values_supported", "ES256"))
    return metadata_error (error, issuer, _("no DPoP with ES256"));
  if (!array_contains (metadata, "token_endpoint_auth_methods_supported", "none"))
    return metadata_error (error, issuer, _("no public clients"));
  if (!flag (metadata, "authorization_response_iss_parameter_supported"))
    return metadata_error (error, issuer, _("no “iss” in its answers"));
  if (!flag (metadata, "require_pushed_authorization_requests"))
    return metadata_error (error, issuer, _("pushed authorization requests are not required"));
  if (!flag (metadata, "client_id_metadata_document_supported"))
    return metadata_error (error, issuer, _("no client metadata documents"));

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    if (!_byline_oauth_check_url (json_object_get_string_member_with_default (metadata,
                                                                              endpoints[i], NULL),
                                  endpoints[i], error))
      return FALSE;
  revocation = json_object_get_string_member_with_default (metadata, "revocation_endpoint", NULL);
  if (revocation != NULL && !_byline_oauth_check_url (revocation, "revocation_endpoint", error))
    return FALSE;

  return TRUE;
}

/**
 * byline_oauth_check_resource_metadata:
 * @metadata: the document at the PDS's `/.well-known/oauth-protected-resource`
 * @pds: the PDS it was fetched from
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the PDS's authorization server, when the document is
 *   about @pds and names exactly one secure server
 */
char *
byline_oauth_check_resource_metadata (JsonObject  *metadata,
                                      const char  *pds,
                                      GError     **error)
{
  g_autofree char *resource = NULL;
  g_autofree char *expected = NULL;
  JsonArray *servers;
  JsonNode *first;

  g_return_val_if_fail (metadata != NULL && pds != NULL, NULL);

  resource = _byline_oauth_origin (json_object_get_string_member_with_default (metadata,
                                                                               "resource", ""));
  expected = _byline_oauth_origin (pds);
  if (!g_str_equal (resource, expected))
    {
      g_set_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_INVALID_METADATA,
                   _("The server %s describes another server (“%s”)."), pds, resource);
      return NULL;
    }
  if (!json_object_has_member (metadata, "authorization_servers")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (metadata, "authorization_servers"))
      || json_array_get_length (servers = json_object_get_array_member (metadata,
                                                                        "authorization_servers"))
         != 1
      || !JSON_NODE_HOLDS_VALUE (first = json_array_get_element (servers, 0))
      || json_node_get_value_type (first) != G_TYPE_STRING)
    {
      g_set_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_INVALID_METADATA,
                   _("The server %s names no single authorization server."), pds);
      return NULL;
    }
  if (!_byline_oauth_check_url (json_node_get_string (first), _("authorization server"), error))
    return NULL;

  return g_strdup (json_node_get_string (first));
}

/* Starting */

static void push_request (GTask *task);

static void
pushed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineOAuthFlow *self = g_task_get_source_object (task);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *escaped_client = NULL;
  g_autofree char *escaped_request = NULL;
  const char *request_uri;
  const char *endpoint;

  answer = _byline_oauth_post_finish (result, &error);
  /* A server that does not know the granular permissions refuses them: ask once more for
   * the broad scope, and say so afterwards. */
  if (answer == NULL && !self->scope_fallback
      && g_error_matches (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_SCOPE))
    {
      self->scope_fallback = TRUE;
      g_set_str (&self->scope, BYLINE_OAUTH_SCOPE_TRANSITIONAL);
      push_request (g_steal_pointer (&task));
      return;
    }
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  request_uri = json_object_get_string_member_with_default (answer, "request_uri", NULL);
  if (request_uri == NULL)
    {
      g_task_return_new_error (task, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_INVALID_RESPONSE,
                               _("The authorization server gave no request address."));
      return;
    }

  client_id = byline_oauth_flow_dup_client_id (self);
  escaped_client = g_uri_escape_string (client_id, NULL, FALSE);
  escaped_request = g_uri_escape_string (request_uri, NULL, FALSE);
  endpoint = json_object_get_string_member (self->server_metadata, "authorization_endpoint");
  self->started = TRUE;
  g_task_return_pointer (task, g_strdup_printf ("%s%sclient_id=%s&request_uri=%s", endpoint,
                                                strchr (endpoint, '?') ? "&" : "?",
                                                escaped_client, escaped_request),
                         g_free);
}

static void
push_request (GTask *task)
{
  BylineOAuthFlow *self = g_task_get_source_object (task);
  g_autoptr(GHashTable) form = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *endpoint;

  endpoint = json_object_get_string_member (self->server_metadata,
                                            "pushed_authorization_request_endpoint");
  g_hash_table_insert (form, "client_id", byline_oauth_flow_dup_client_id (self));
  g_hash_table_insert (form, "response_type", g_strdup ("code"));
  g_hash_table_insert (form, "code_challenge", byline_oauth_s256 (self->verifier));
  g_hash_table_insert (form, "code_challenge_method", g_strdup ("S256"));
  g_hash_table_insert (form, "state", g_strdup (self->state));
  g_hash_table_insert (form, "redirect_uri", g_strdup (self->redirect_uri));
  g_hash_table_insert (form, "scope", g_strdup (self->scope));
  if (self->handle != NULL)
    g_hash_table_insert (form, "login_hint", g_strdup (self->handle));
  else if (self->did != NULL)
    g_hash_table_insert (form, "login_hint", g_strdup (self->did));

  _byline_oauth_post_async (self->http, self->key, self->nonces, endpoint, form,
                            g_task_get_cancellable (task), pushed_cb, task);
}

/* Servers that do not know the granular permissions say so to the request itself. */
static gboolean
scope_supported (JsonObject *metadata,
                 const char *scope)
{
  g_auto(GStrv) values = g_strsplit (scope, " ", -1);
  JsonArray *supported;
  gboolean lists_granular = FALSE;

  supported = json_object_get_array_member (metadata, "scopes_supported");
  for (guint i = 0; i < json_array_get_length (supported); i++)
    {
      const char *value = json_array_get_string_element (supported, i);

      if (value != NULL && (g_str_has_prefix (value, "repo:") || g_str_has_prefix (value, "blob")
                            || g_str_has_prefix (value, "include:")))
        lists_granular = TRUE;
    }
  /* A server that lists granular scopes must list the ones asked for; one that lists none
   * enumerates only the fixed ones and is asked. */
  if (!lists_granular)
    return TRUE;
  for (guint i = 0; values[i] != NULL; i++)
    if (!array_contains (metadata, "scopes_supported", values[i]))
      return FALSE;

  return TRUE;
}

static void
push_with_fallback (GTask *task)
{
  BylineOAuthFlow *self = g_task_get_source_object (task);

  if (!self->scope_fallback && !scope_supported (self->server_metadata, self->scope))
    {
      self->scope_fallback = TRUE;
      g_set_str (&self->scope, BYLINE_OAUTH_SCOPE_TRANSITIONAL);
    }
  push_request (g_object_ref (task));
}

static void
server_metadata_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineOAuthFlow *self = g_task_get_source_object (task);
  g_autoptr(JsonObject) metadata = NULL;
  g_autoptr(GError) error = NULL;

  metadata = _byline_oauth_get_json_finish (result, &error);
  if (metadata == NULL || !byline_oauth_check_server_metadata (metadata, self->issuer, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->server_metadata = g_steal_pointer (&metadata);

  if (!(self->key = byline_dpop_key_generate (&error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->verifier = byline_oauth_pkce_new_verifier ();
  self->state = byline_oauth_random_token (24, TRUE);
  push_with_fallback (task);
}

static void
resource_metadata_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineOAuthFlow *self = g_task_get_source_object (task);
  g_autoptr(JsonObject) metadata = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  metadata = _byline_oauth_get_json_finish (result, &error);
  if (metadata == NULL
      || !(self->issuer = byline_oauth_check_resource_metadata (metadata, self->pds, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  url = g_strdup_printf ("%s/.well-known/oauth-authorization-server", self->issuer);
  _byline_oauth_get_json_async (self->http, url, g_task_get_cancellable (task),
                                server_metadata_cb, g_object_ref (task));
}

static void
get_resource_metadata (GTask *task)
{
  BylineOAuthFlow *self = g_task_get_source_object (task);
  g_autofree char *origin = _byline_oauth_origin (self->pds);
  g_autofree char *url = g_strdup_printf ("%s/.well-known/oauth-protected-resource", origin);

  _byline_oauth_get_json_async (self->http, url, g_task_get_cancellable (task),
                                resource_metadata_cb, task);
}

static gboolean
document_names_handle (JsonObject *document,
                       const char *handle)
{
  g_autofree char *aka = g_strdup_printf ("at://%s", handle);

  return array_contains (document, "alsoKnownAs", aka);
}

static void
did_document_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineOAuthFlow *self = g_task_get_source_object (task);
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(GError) error = NULL;

  document = byline_xrpc_client_resolve_did_finish (BYLINE_XRPC_CLIENT (object), result, &error);
  if (document == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Both ways: the handle names the DID, and the DID's document names the handle. */
  if (self->handle != NULL && !document_names_handle (document, self->handle))
    {
      g_task_return_new_error (task, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_SUBJECT_MISMATCH,
                               _("The account %s does not claim the handle %s."), self->did,
                               self->handle);
      return;
    }
  if (!(self->pds = byline_xrpc_did_document_get_pds (document)))
    {
      g_task_return_new_error (task, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_INVALID_METADATA,
                               _("The account %s names no server."), self->did);
      return;
    }

  get_resource_metadata (g_steal_pointer (&task));
}

static void
handle_resolved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineOAuthFlow *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  self->did = byline_xrpc_client_resolve_handle_finish (BYLINE_XRPC_CLIENT (object), result,
                                                        &error);
  if (self->did == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  byline_xrpc_client_resolve_did_async (self->resolver, self->did, g_task_get_cancellable (task),
                                        did_document_cb, g_object_ref (task));
}

/**
 * byline_oauth_flow_start_async:
 * @self: a flow
 * @identifier: a handle, a DID, or the https address of a PDS
 * @redirect_uri: the loopback address that will receive the redirect
 * @cancellable: (nullable): a cancellable
 * @callback: called with the authorization address
 * @user_data: data for @callback
 *
 * Resolves the account and its authorization server and pushes the authorization request.
 */
void
byline_oauth_flow_start_async (BylineOAuthFlow     *self,
                               const char          *identifier,
                               const char          *redirect_uri,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = NULL;

  g_return_if_fail (BYLINE_IS_OAUTH_FLOW (self));
  g_return_if_fail (identifier != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_oauth_flow_start_async);

  if (self->identifier != NULL)
    {
      g_task_return_new_error (task, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_FAILED,
                               _("This sign-in has already started."));
      return;
    }
  if (!byline_oauth_check_redirect_uri (redirect_uri, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  trimmed = g_strstrip (g_strdup (identifier));
  if (g_str_has_prefix (trimmed, "@"))
    memmove (trimmed, trimmed + 1, strlen (trimmed));
  self->identifier = g_strdup (trimmed);
  self->redirect_uri = g_strdup (redirect_uri);

  if (g_str_has_prefix (trimmed, "https://") || g_str_has_prefix (trimmed, "http://"))
    {
      if (!_byline_oauth_check_url (trimmed, _("server address"), &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      self->pds = g_strdup (trimmed);
      get_resource_metadata (g_steal_pointer (&task));
    }
  else if (g_str_has_prefix (trimmed, "did:"))
    {
      self->did = g_strdup (trimmed);
      byline_xrpc_client_resolve_did_async (self->resolver, self->did, cancellable,
                                            did_document_cb, g_steal_pointer (&task));
    }
  else
    {
      self->handle = g_ascii_strdown (trimmed, -1);
      byline_xrpc_client_resolve_handle_async (self->resolver, self->handle, cancellable,
                                               handle_resolved_cb, g_steal_pointer (&task));
    }
}

/**
 * byline_oauth_flow_start_finish:
 *
 * Returns: (transfer full): the address to open in the writer's browser
 */
char *
byline_oauth_flow_start_finish (BylineOAuthFlow  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Completing */

typedef struct
{
  BylineOAuthSession *session;
  char               *claimed_handle;
} Complete;

static void
complete_free (Complete *complete)
{
  g_clear_object (&complete->session);
  g_clear_pointer (&complete->claimed_handle, g_free);
  g_free (complete);
}

static void
return_session (GTask *task)
{
  Complete *complete = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&complete->session), g_object_unref);
}

static void
claimed_handle_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Complete *complete = g_task_get_task_data (task);
  g_autofree char *did = NULL;

  /* Shown only when it names this account back; else the DID is shown. A handle that does
   * not resolve leaves the sign-in as it is. */
  did = byline_xrpc_client_resolve_handle_finish (BYLINE_XRPC_CLIENT (object), result, NULL);
  if (g_strcmp0 (did, byline_oauth_session_get_did (complete->session)) == 0)
    _byline_oauth_session_set_handle (complete->session, complete->claimed_handle);

  return_session (task);
}

static void
sub_resource_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineOAuthFlow *self = g_task_get_source_object (task);
  Complete *complete = g_task_get_task_data (task);
  g_autoptr(JsonObject) metadata = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *issuer = NULL;

  metadata = _byline_oauth_get_json_finish (result, &error);
  if (metadata == NULL
      || !(issuer = byline_oauth_check_resource_metadata (metadata,
                                                          byline_oauth_session_get_pds (
                                                            complete->session),
                                                          &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!g_str_equal (issuer, self->issuer))
    {
      g_task_return_new_error (task, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_ISSUER_MISMATCH,
                               _("The account %s is not served by the authorization server "
                                 "%s."), byline_oauth_session_get_did (complete->session),
                               self->issuer);
      return;
    }
  if (complete->claimed_handle != NULL)
    {
      byline_xrpc_client_resolve_handle_async (self->resolver, complete->claimed_handle,
                                               g_task_get_cancellable (task), claimed_handle_cb,
                                               g_object_ref (task));
      return;
    }

  return_session (task);
}

static char *
first_handle (JsonObject *document)
{
  JsonArray *aka;

  if (!json_object_has_member (document, "alsoKnownAs")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (document, "alsoKnownAs")))
    return NULL;
  aka = json_object_get_array_member (document, "alsoKnownAs");
  for (guint i = 0; i < json_array_get_length (aka); i++)
    {
      const char *value = json_array_get_string_element (aka, i);

      if (value != NULL && g_str_has_prefix (value, "at://") && value[5] != '\0')
        return g_strdup (value + 5);
    }

  return NULL;
}

static void
sub_document_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineOAuthFlow *self = g_task_get_source_object (task);
  Complete *complete = g_task_get_task_data (task);
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pds = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *url = NULL;

  document = byline_xrpc_client_resolve_did_finish (BYLINE_XRPC_CLIENT (object), result, &error);
  if (document == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!(pds = byline_xrpc_did_document_get_pds (document)))
    {
      g_task_return_new_error (task, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_INVALID_METADATA,
                               _("The account %s names no server."),
                               byline_oauth_session_get_did (complete->session));
      return;
    }

  /* The session talks to the PDS the account's document names, not the one typed; the
   * handle the document claims is anyone's to write, and is resolved back before it is
   * shown. */
  _byline_oauth_session_set_pds (complete->session, pds);
  handle = first_handle (document);
  if (handle != NULL)
    complete->claimed_handle = g_ascii_strdown (handle, -1);
  origin = _byline_oauth_origin (pds);
  url = g_strdup_printf ("%s/.well-known/oauth-protected-resource", origin);
  _byline_oauth_get_json_async (self->http, url, g_task_get_cancellable (task), sub_resource_cb,
                                g_object_ref (task));
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineOAuthFlow *self = g_task_get_source_object (task);
  Complete *complete = g_task_get_task_data (task);
  g_autoptr(JsonObject) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *client_id = NULL;

  tokens = _byline_oauth_post_finish (result, &error);
  if (tokens == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  client_id = byline_oauth_flow_dup_client_id (self);
  complete->session = _byline_oauth_session_new (self->http, self->key, self->nonces,
                                                 self->server_metadata, client_id,
                                                 self->pds, self->handle);
  if (!_byline_oauth_session_apply_tokens (complete->session, tokens, self->did, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->did != NULL)
    {
      return_session (task);
      return;
    }

  /* Started from a server address: the account the tokens are for must be one that server's
   * authorization server speaks for. */
  byline_xrpc_client_resolve_did_async (self->resolver,
                                        byline_oauth_session_get_did (complete->session),
                                        g_task_get_cancellable (task), sub_document_cb,
                                        g_object_ref (task));
}

/**
 * byline_oauth_flow_complete_async:
 * @self: a started flow
 * @query: the parameters of the redirect the loopback listener received
 * @cancellable: (nullable): a cancellable
 * @callback: called with the session
 * @user_data: data for @callback
 *
 * Checks the redirect (`state`, `iss`, or the server's `error`) and exchanges its code for
 * tokens.
 */
void
byline_oauth_flow_complete_async (BylineOAuthFlow     *self,
                                  GHashTable          *query,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) form = NULL;
  const char *state, *iss, *code, *failure;
  gboolean state_matches;

  g_return_if_fail (BYLINE_IS_OAUTH_FLOW (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_oauth_flow_complete_async);
  g_task_set_task_data (task, g_new0 (Complete, 1), (GDestroyNotify)complete_free);

  state = g_hash_table_lookup (query, "state");
  iss = g_hash_table_lookup (query, "iss");
  code = g_hash_table_lookup (query, "code");
  failure = g_hash_table_lookup (query, "error");

  state_matches = self->started && self->state != NULL && g_strcmp0 (state, self->state) == 0;
  /* The state is spent whatever the answer: one redirect ends the sign-in, so a forged one
   * cannot be followed by guesses. */
  g_clear_pointer (&self->state, g_free);
  if (!state_matches)
    {
      g_task_return_new_error (task, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_STATE_MISMATCH,
                               _("The browser came back from a sign-in Byline did not start."));
      return;
    }
  if (g_strcmp0 (iss, self->issuer) != 0)
    {
      g_task_return_new_error (task, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_ISSUER_MISMATCH,
                               _("The sign-in came back from “%s”, not from %s."),
                               iss ? iss : "", self->issuer);
      return;
    }
  if (failure != NULL)
    {
      const char *description = g_hash_table_lookup (query, "error_description");

      g_task_return_new_error (task, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_DENIED,
                               _("The sign-in was refused: %s"),
                               description ? description : failure);
      return;
    }
  if (code == NULL || *code == '\0')
    {
      g_task_return_new_error (task, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_INVALID_RESPONSE,
                               _("The sign-in came back without an authorization code."));
      return;
    }

  form = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (form, "grant_type", g_strdup ("authorization_code"));
  g_hash_table_insert (form, "code", g_strdup (code));
  g_hash_table_insert (form, "redirect_uri", g_strdup (self->redirect_uri));
  g_hash_table_insert (form, "code_verifier", g_strdup (self->verifier));
  g_hash_table_insert (form, "client_id", byline_oauth_flow_dup_client_id (self));
  _byline_oauth_post_async (self->http, self->key, self->nonces,
                            json_object_get_string_member (self->server_metadata,
                                                           "token_endpoint"),
                            form, cancellable, token_cb, g_steal_pointer (&task));
}

/**
 * byline_oauth_flow_complete_finish:
 *
 * Returns: (transfer full): the signed-in session
 */
BylineOAuthSession *
byline_oauth_flow_complete_finish (BylineOAuthFlow  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
