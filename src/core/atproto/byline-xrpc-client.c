/* byline-xrpc-client.c
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

#define G_LOG_DOMAIN "byline-xrpc-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "byline-xrpc-client-private.h"

/*
 * The client itself: its properties, the session it keeps, signing in and renewing the
 * session. Sending requests, resolving identities and working on a repository live in the
 * files next to this one.
 */

#define DEFAULT_PLC_DIRECTORY "https://plc.directory"
#define DEFAULT_TIMEOUT       30
#define DEFAULT_RATE_WAIT     10

G_DEFINE_FINAL_TYPE (BylineXrpcClient, byline_xrpc_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (byline-xrpc-error-quark, byline_xrpc_error)

enum {
  PROP_0,
  PROP_SERVICE,
  PROP_PLC_DIRECTORY,
  PROP_TIMEOUT,
  PROP_DID,
  PROP_HANDLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SESSION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A URL without its trailing slashes. */
char *
_byline_xrpc_strip_slash (const char *url)
{
  char *copy = g_strdup (url);
  gsize len = strlen (copy);

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';

  return copy;
}

static void
store_session (BylineXrpcClient *self,
               JsonObject       *answer)
{
  byline_xrpc_client_set_session (self,
                                  json_object_get_string_member_with_default (answer, "did", NULL),
                                  json_object_get_string_member_with_default (answer, "handle", NULL),
                                  json_object_get_string_member_with_default (answer, "accessJwt", NULL),
                                  json_object_get_string_member_with_default (answer, "refreshJwt", NULL));
  g_signal_emit (self, signals[SESSION_CHANGED], 0);
}

static SoupSession *
new_session (guint timeout)
{
  g_autofree char *user_agent = g_strdup_printf ("%s/%s", PACKAGE_NAME, PACKAGE_VERSION);

  return soup_session_new_with_options ("timeout", timeout, "user-agent", user_agent, NULL);
}

static void
byline_xrpc_client_finalize (GObject *object)
{
  BylineXrpcClient *self = (BylineXrpcClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->service, g_free);
  g_clear_pointer (&self->plc_directory, g_free);
  g_clear_pointer (&self->did, g_free);
  g_clear_pointer (&self->handle, g_free);
  g_clear_pointer (&self->access_token, g_free);
  g_clear_pointer (&self->refresh_token, g_free);
  g_clear_object (&self->oauth);

  G_OBJECT_CLASS (byline_xrpc_client_parent_class)->finalize (object);
}

static void
byline_xrpc_client_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BylineXrpcClient *self = BYLINE_XRPC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_string (value, byline_xrpc_client_get_service (self));
      break;
    case PROP_PLC_DIRECTORY:
      g_value_set_string (value, byline_xrpc_client_get_plc_directory (self));
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, byline_xrpc_client_get_timeout (self));
      break;
    case PROP_DID:
      g_value_set_string (value, byline_xrpc_client_get_did (self));
      break;
    case PROP_HANDLE:
      g_value_set_string (value, byline_xrpc_client_get_handle (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_xrpc_client_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BylineXrpcClient *self = BYLINE_XRPC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      byline_xrpc_client_set_service (self, g_value_get_string (value));
      break;
    case PROP_PLC_DIRECTORY:
      byline_xrpc_client_set_plc_directory (self, g_value_get_string (value));
      break;
    case PROP_TIMEOUT:
      byline_xrpc_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_xrpc_client_class_init (BylineXrpcClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_xrpc_client_finalize;
  object_class->get_property = byline_xrpc_client_get_property;
  object_class->set_property = byline_xrpc_client_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_string ("service", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PLC_DIRECTORY] =
    g_param_spec_string ("plc-directory", NULL, NULL, DEFAULT_PLC_DIRECTORY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, DEFAULT_TIMEOUT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DID] =
    g_param_spec_string ("did", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_HANDLE] =
    g_param_spec_string ("handle", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineXrpcClient::session-changed:
   * @self: the client
   *
   * Emitted when the server handed out new tokens (sign-in or renewal), so that whoever keeps
   * the refresh token can replace it: a renewal invalidates the old one.
   */
  signals[SESSION_CHANGED] =
    g_signal_new ("session-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
byline_xrpc_client_init (BylineXrpcClient *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->max_rate_limit_wait = DEFAULT_RATE_WAIT;
  self->plc_directory = g_strdup (DEFAULT_PLC_DIRECTORY);
  self->session = new_session (self->timeout);
}

/**
 * byline_xrpc_client_new:
 * @service: (nullable): the PDS URL, such as `https://bsky.social`
 *
 * Returns: (transfer full): a new client without a session
 */
BylineXrpcClient *
byline_xrpc_client_new (const char *service)
{
  return g_object_new (BYLINE_TYPE_XRPC_CLIENT, "service", service, NULL);
}

const char *
byline_xrpc_client_get_service (BylineXrpcClient *self)
{
  g_return_val_if_fail (BYLINE_IS_XRPC_CLIENT (self), NULL);

  return self->service;
}

void
byline_xrpc_client_set_service (BylineXrpcClient *self,
                                const char       *service)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));

  stripped = service != NULL ? _byline_xrpc_strip_slash (service) : NULL;
  if (g_set_str (&self->service, stripped))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVICE]);
}

const char *
byline_xrpc_client_get_plc_directory (BylineXrpcClient *self)
{
  g_return_val_if_fail (BYLINE_IS_XRPC_CLIENT (self), NULL);

  return self->plc_directory;
}

/**
 * byline_xrpc_client_set_plc_directory:
 * @self: a client
 * @url: (nullable): the PLC directory that resolves `did:plc` identifiers; %NULL for
 *   `https://plc.directory`
 */
void
byline_xrpc_client_set_plc_directory (BylineXrpcClient *self,
                                      const char       *url)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));

  stripped = _byline_xrpc_strip_slash (url != NULL ? url : DEFAULT_PLC_DIRECTORY);
  if (g_set_str (&self->plc_directory, stripped))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLC_DIRECTORY]);
}

guint
byline_xrpc_client_get_timeout (BylineXrpcClient *self)
{
  g_return_val_if_fail (BYLINE_IS_XRPC_CLIENT (self), 0);

  return self->timeout;
}

/**
 * byline_xrpc_client_set_timeout:
 * @self: a client
 * @seconds: how long a request may take, 0 for no limit
 */
void
byline_xrpc_client_set_timeout (BylineXrpcClient *self,
                                guint             seconds)
{
  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  /* Connections take the timeout when they open, so pooled ones would keep the old one. */
  g_clear_object (&self->session);
  self->session = new_session (seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

const char *
byline_xrpc_client_get_did (BylineXrpcClient *self)
{
  g_return_val_if_fail (BYLINE_IS_XRPC_CLIENT (self), NULL);

  return self->did;
}

const char *
byline_xrpc_client_get_handle (BylineXrpcClient *self)
{
  g_return_val_if_fail (BYLINE_IS_XRPC_CLIENT (self), NULL);

  return self->handle;
}

/**
 * byline_xrpc_client_get_refresh_token:
 * @self: a client
 *
 * The refresh token, for the keyring. Never write it to a file or a log.
 *
 * Returns: (nullable): the refresh token
 */
const char *
byline_xrpc_client_get_refresh_token (BylineXrpcClient *self)
{
  g_return_val_if_fail (BYLINE_IS_XRPC_CLIENT (self), NULL);

  return self->refresh_token;
}

/**
 * byline_xrpc_client_set_session:
 * @self: a client
 * @did: (nullable): the account's DID
 * @handle: (nullable): the account's handle
 * @access_token: (nullable): the access JWT
 * @refresh_token: (nullable): the refresh JWT
 *
 * Restores a session, for example from a refresh token kept in the keyring. All %NULL signs
 * out.
 */
void
byline_xrpc_client_set_session (BylineXrpcClient *self,
                                const char       *did,
                                const char       *handle,
                                const char       *access_token,
                                const char       *refresh_token)
{
  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));

  g_set_str (&self->access_token, access_token);
  g_set_str (&self->refresh_token, refresh_token);
  if (did == NULL)
    g_clear_object (&self->oauth);
  if (g_set_str (&self->did, did))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DID]);
  if (g_set_str (&self->handle, handle))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HANDLE]);
}

gboolean
byline_xrpc_client_is_signed_in (BylineXrpcClient *self)
{
  g_return_val_if_fail (BYLINE_IS_XRPC_CLIENT (self), FALSE);

  return self->did != NULL && (self->access_token != NULL || self->refresh_token != NULL
                               || self->oauth != NULL);
}

gboolean
_byline_xrpc_client_has_access (BylineXrpcClient *self)
{
  return self->access_token != NULL || self->oauth != NULL;
}

/**
 * byline_xrpc_client_set_oauth_session:
 * @self: a client
 * @session: (nullable): an AT Protocol OAuth session, or %NULL to drop it
 *
 * Makes the client act for the session's account, on its PDS, with DPoP-bound tokens that
 * the session renews itself; app-password tokens are dropped.
 */
void
byline_xrpc_client_set_oauth_session (BylineXrpcClient   *self,
                                      BylineOAuthSession *session)
{
  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));
  g_return_if_fail (session == NULL || BYLINE_IS_OAUTH_SESSION (session));

  g_set_object (&self->oauth, session);
  if (session == NULL)
    return;
  byline_xrpc_client_set_session (self, byline_oauth_session_get_did (session),
                                  byline_oauth_session_get_handle (session), NULL, NULL);
  byline_xrpc_client_set_service (self, byline_oauth_session_get_pds (session));
}

/**
 * byline_xrpc_client_get_oauth_session:
 *
 * Returns: (transfer none) (nullable): the client's OAuth session
 */
BylineOAuthSession *
byline_xrpc_client_get_oauth_session (BylineXrpcClient *self)
{
  g_return_val_if_fail (BYLINE_IS_XRPC_CLIENT (self), NULL);

  return self->oauth;
}

static void
session_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  BylineXrpcClient *self = BYLINE_XRPC_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(JsonObject) answer = NULL;

  if (bytes == NULL || !(answer = _byline_xrpc_parse_object (bytes, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!json_object_has_member (answer, "did") || !json_object_has_member (answer, "accessJwt"))
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_RESPONSE,
                               _("The server’s session has no DID or token."));
      return;
    }

  store_session (self, answer);
  g_task_return_boolean (task, TRUE);
}

/**
 * byline_xrpc_client_create_session_async:
 * @self: a client
 * @identifier: a handle, DID or email
 * @password: an app password
 * @cancellable: (nullable): a cancellable
 * @callback: called when signed in
 * @user_data: data for @callback
 *
 * Signs in with `com.atproto.server.createSession`.
 */
void
byline_xrpc_client_create_session_async (BylineXrpcClient    *self,
                                         const char          *identifier,
                                         const char          *password,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(GBytes) body = NULL;
  GTask *task;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));
  g_return_if_fail (identifier != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_xrpc_client_create_session_async);
  json_object_set_string_member (input, "identifier", identifier);
  json_object_set_string_member (input, "password", password);
  body = _byline_xrpc_object_to_bytes (input);
  _byline_xrpc_client_start_request (self, "POST",
                                     _byline_xrpc_build_url (self->service,
                                                             "com.atproto.server.createSession",
                                                             NULL),
                                     "com.atproto.server.createSession", body, "application/json",
                                     AUTH_NONE, cancellable, session_cb, task);
}

gboolean
byline_xrpc_client_create_session_finish (BylineXrpcClient  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * byline_xrpc_client_refresh_session_async:
 * @self: a client with a refresh token
 * @cancellable: (nullable): a cancellable
 * @callback: called when renewed
 * @user_data: data for @callback
 *
 * Renews the access token with `com.atproto.server.refreshSession`.
 */
void
byline_xrpc_client_refresh_session_async (BylineXrpcClient    *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_xrpc_client_refresh_session_async);
  if (self->refresh_token == NULL)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_EXPIRED_TOKEN,
                               _("The session has expired. Sign in again."));
      g_object_unref (task);
      return;
    }
  _byline_xrpc_client_start_request (self, "POST",
                                     _byline_xrpc_build_url (self->service,
                                                             "com.atproto.server.refreshSession",
                                                             NULL),
                                     "com.atproto.server.refreshSession", NULL, NULL, AUTH_REFRESH,
                                     cancellable, session_cb, task);
}

gboolean
byline_xrpc_client_refresh_session_finish (BylineXrpcClient  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
