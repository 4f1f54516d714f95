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

#include "byline-xrpc-client.h"

#define DEFAULT_PLC_DIRECTORY "https://plc.directory"
#define DEFAULT_TIMEOUT       30
#define DEFAULT_RATE_WAIT     10

struct _BylineXrpcClient
{
  GObject      parent_instance;

  /* Owned references */
  SoupSession *session;
  char        *service;
  char        *plc_directory;
  char        *did;
  char        *handle;
  char        *access_token;
  char        *refresh_token;

  guint        timeout;
  guint        max_rate_limit_wait;
};

typedef enum
{
  AUTH_NONE,
  AUTH_ACCESS,
  AUTH_REFRESH,
} Auth;

typedef struct
{
  char     *method;
  char     *url;
  char     *nsid;
  GBytes   *body;
  char     *content_type;
  Auth      auth;
  guint     refreshed : 1;
  guint     waited : 1;
} Call;

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

static void send_call (GTask *task);

static void
call_free (Call *call)
{
  g_free (call->method);
  g_free (call->url);
  g_free (call->nsid);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call->content_type);
  g_free (call);
}

static char *
strip_slash (const char *url)
{
  char *copy = g_strdup (url);
  gsize len = strlen (copy);

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';

  return copy;
}

static char *
describe_reset (const char *ratelimit_reset)
{
  g_autoptr(GDateTime) reset = NULL;
  gint64 when;

  if (ratelimit_reset == NULL || (when = g_ascii_strtoll (ratelimit_reset, NULL, 10)) <= 0)
    return NULL;
  reset = g_date_time_new_from_unix_local (when);
  if (reset == NULL)
    return NULL;

  return g_date_time_format (reset, "%H:%M:%S");
}

/**
 * byline_xrpc_error_from_response:
 * @status: the HTTP status
 * @nsid: the method that failed
 * @body: (nullable): the JSON error body, `{"error", "message"}`
 * @ratelimit_reset: (nullable): the `ratelimit-reset` header (seconds since 1970)
 *
 * Turns an XRPC error answer into a [error@XrpcError] with a message a writer understands.
 *
 * Returns: (transfer full): the error
 */
GError *
byline_xrpc_error_from_response (guint       status,
                                 const char *nsid,
                                 JsonObject *body,
                                 const char *ratelimit_reset)
{
  const char *error = NULL;
  const char *message = NULL;

  if (body != NULL)
    {
      error = json_object_get_string_member_with_default (body, "error", NULL);
      message = json_object_get_string_member_with_default (body, "message", NULL);
    }
  if (message == NULL)
    message = error != NULL ? error : "";

  if (status == 429 || g_strcmp0 (error, "RateLimitExceeded") == 0)
    {
      g_autofree char *at = describe_reset (ratelimit_reset);

      if (at != NULL)
        return g_error_new (BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_RATE_LIMITED,
                            _("The server is limiting requests. Try again after %s."), at);
      return g_error_new_literal (BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_RATE_LIMITED,
                                  _("The server is limiting requests. Try again later."));
    }
  if (g_strcmp0 (error, "InvalidSwap") == 0)
    return g_error_new_literal (BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_SWAP,
                                _("The record was changed elsewhere since it was last published."));
  if (g_strcmp0 (error, "ExpiredToken") == 0)
    return g_error_new_literal (BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_EXPIRED_TOKEN,
                                _("The session has expired. Sign in again."));
  if (g_strcmp0 (nsid, "com.atproto.server.createSession") == 0 && (status == 401 || status == 400))
    return g_error_new (BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_AUTHENTICATION,
                        _("Wrong handle or app password (%s)."), message);
  if (g_strcmp0 (nsid, "com.atproto.identity.resolveHandle") == 0 && status == 400)
    return g_error_new (BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNKNOWN_HANDLE,
                        _("The handle is not known: %s."), message);
  if (status == 413 || g_strcmp0 (error, "BlobTooLarge") == 0
      || g_strcmp0 (error, "PayloadTooLarge") == 0)
    return g_error_new (BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_BLOB_TOO_LARGE,
                        _("The file is larger than the server accepts (%s)."), message);
  if (status == 404 || g_strcmp0 (error, "RecordNotFound") == 0)
    return g_error_new (BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_NOT_FOUND,
                        _("Not found: %s"), message);
  if (status == 401 || g_strcmp0 (error, "AuthenticationRequired") == 0
      || g_strcmp0 (error, "InvalidToken") == 0)
    return g_error_new (BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_AUTHENTICATION,
                        _("The server did not accept the sign-in: %s"), message);
  if (status == 400 && (g_strcmp0 (nsid, "com.atproto.repo.putRecord") == 0
                        || g_strcmp0 (nsid, "com.atproto.repo.createRecord") == 0
                        || g_strcmp0 (nsid, "com.atproto.repo.applyWrites") == 0))
    return g_error_new (BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_RECORD_REJECTED,
                        _("The server rejected the record: %s"), message);

  return g_error_new (BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_FAILED,
                      _("%s failed with HTTP %u: %s"), nsid ? nsid : "request", status, message);
}

static GError *
map_transport_error (BylineXrpcClient *self,
                     const char       *url,
                     const GError     *error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL && g_uri_get_host (uri) ? g_uri_get_host (uri) : url;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_TIMEOUT,
                        _("%s did not answer within %u seconds."), host, self->timeout);

  return g_error_new (BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNREACHABLE,
                      _("Could not reach %s: %s"), host, error->message);
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

static void
refresh_for_call_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  BylineXrpcClient *self = BYLINE_XRPC_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_xrpc_client_refresh_session_finish (self, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send_call (g_steal_pointer (&task));
}

static gboolean
rate_limit_wait_cb (gpointer user_data)
{
  /* send_call() takes a reference; the source drops its own. */
  send_call (g_object_ref (G_TASK (user_data)));

  return G_SOURCE_REMOVE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineXrpcClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *body = NULL;
  const char *reset;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, map_transport_error (self, call->url, error));
      return;
    }

  status = soup_message_get_status (msg);
  if (status >= 200 && status < 300)
    {
      g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify)g_bytes_unref);
      return;
    }

  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    body = json_node_get_object (json_parser_get_root (parser));
  reset = soup_message_headers_get_one (soup_message_get_response_headers (msg), "ratelimit-reset");

  /* An access token lives two hours; renew it once and repeat the call. */
  if (call->auth == AUTH_ACCESS && !call->refreshed && self->refresh_token != NULL && body != NULL
      && g_strcmp0 (json_object_get_string_member_with_default (body, "error", NULL),
                    "ExpiredToken") == 0)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      call->refreshed = TRUE;
      byline_xrpc_client_refresh_session_async (self, cancellable, refresh_for_call_cb,
                                                g_steal_pointer (&task));
      return;
    }

  /* Honour ratelimit-reset: wait for a short window to reopen rather than fail. */
  if (status == 429 && !call->waited && reset != NULL)
    {
      gint64 wait = g_ascii_strtoll (reset, NULL, 10) - g_get_real_time () / G_USEC_PER_SEC;

      if (wait >= 0 && wait <= self->max_rate_limit_wait)
        {
          call->waited = TRUE;
          g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, (guint)wait + 1, rate_limit_wait_cb,
                                      g_steal_pointer (&task), g_object_unref);
          return;
        }
    }

  g_task_return_error (task, byline_xrpc_error_from_response (status, call->nsid, body, reset));
}

static void
send_call (GTask *task)
{
  BylineXrpcClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = NULL;
  const char *token = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  msg = soup_message_new (call->method, call->url);
  if (msg == NULL)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNREACHABLE,
                               _("“%s” is not a valid server address."), call->url);
      g_object_unref (task);
      return;
    }

  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (msg, call->content_type, call->body);
  if (call->auth == AUTH_ACCESS)
    token = self->access_token;
  else if (call->auth == AUTH_REFRESH)
    token = self->refresh_token;
  if (token != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }

  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), send_cb, task);
}

/* Starts a request; the task returns the body of a 2xx answer as GBytes. */
static void
start_request (BylineXrpcClient    *self,
               const char          *method,
               char                *url,
               const char          *nsid,
               GBytes              *body,
               const char          *content_type,
               Auth                 auth,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Call *call = g_new0 (Call, 1);

  call->method = g_strdup (method);
  call->url = url;
  call->nsid = g_strdup (nsid);
  call->body = body != NULL ? g_bytes_ref (body) : NULL;
  call->content_type = g_strdup (content_type);
  call->auth = auth;
  g_task_set_source_tag (task, start_request);
  g_task_set_task_data (task, call, (GDestroyNotify)call_free);

  if (auth == AUTH_ACCESS && self->access_token == NULL)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_NOT_SIGNED_IN,
                               _("Sign in first."));
      g_object_unref (task);
      return;
    }
  if (self->service == NULL && g_str_has_prefix (url, "/xrpc/"))
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNREACHABLE,
                               _("No server is set for this account."));
      g_object_unref (task);
      return;
    }

  send_call (task);
}

static JsonObject *
parse_object (GBytes  *bytes,
              GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (g_bytes_get_size (bytes) == 0)
    return json_object_new ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   NULL)
      || !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)))
    {
      g_set_error_literal (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_RESPONSE,
                           _("The server’s answer is not a JSON object."));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static void
object_request_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *answer;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL || !(answer = parse_object (bytes, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, answer, (GDestroyNotify)json_object_unref);
}

static GBytes *
object_to_bytes (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  char *text;

  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);

  return g_bytes_new_take (text, strlen (text));
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

  stripped = service != NULL ? strip_slash (service) : NULL;
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

  stripped = strip_slash (url != NULL ? url : DEFAULT_PLC_DIRECTORY);
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

guint
byline_xrpc_client_get_max_rate_limit_wait (BylineXrpcClient *self)
{
  g_return_val_if_fail (BYLINE_IS_XRPC_CLIENT (self), 0);

  return self->max_rate_limit_wait;
}

/**
 * byline_xrpc_client_set_max_rate_limit_wait:
 * @self: a client
 * @seconds: the longest `ratelimit-reset` wait the client sits out before repeating a call;
 *   longer waits fail with %BYLINE_XRPC_ERROR_RATE_LIMITED
 */
void
byline_xrpc_client_set_max_rate_limit_wait (BylineXrpcClient *self,
                                            guint             seconds)
{
  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));

  self->max_rate_limit_wait = seconds;
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
  if (g_set_str (&self->did, did))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DID]);
  if (g_set_str (&self->handle, handle))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HANDLE]);
}

gboolean
byline_xrpc_client_is_signed_in (BylineXrpcClient *self)
{
  g_return_val_if_fail (BYLINE_IS_XRPC_CLIENT (self), FALSE);

  return self->did != NULL && (self->access_token != NULL || self->refresh_token != NULL);
}

/**
 * byline_xrpc_client_call_async:
 * @self: a client
 * @method: `GET` or `POST`
 * @nsid: the XRPC method, such as `com.atproto.repo.getRecord`
 * @query: (nullable): an encoded query string without `?`
 * @body: (nullable): the request body
 * @content_type: (nullable): the body's type
 * @cancellable: (nullable): a cancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Calls an XRPC method on the service with the session's access token, renewing it once if
 * the server says it expired.
 */
void
byline_xrpc_client_call_async (BylineXrpcClient    *self,
                               const char          *method,
                               const char          *nsid,
                               const char          *query,
                               GBytes              *body,
                               const char          *content_type,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));
  g_return_if_fail (method != NULL && nsid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_xrpc_client_call_async);
  start_request (self, method,
                 g_strdup_printf ("%s/xrpc/%s%s%s", self->service ? self->service : "", nsid,
                                  query ? "?" : "", query ? query : ""),
                 nsid, body, content_type, self->access_token ? AUTH_ACCESS : AUTH_NONE,
                 cancellable, object_request_cb, task);
}

/**
 * byline_xrpc_client_call_finish:
 *
 * Returns: (transfer full): the JSON answer
 */
JsonObject *
byline_xrpc_client_call_finish (BylineXrpcClient  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Writes go to the session's own repository: without a session, fail before sending. */
static gboolean
check_signed_in (BylineXrpcClient    *self,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  if (self->did != NULL && self->access_token != NULL)
    return TRUE;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_NOT_SIGNED_IN,
                           _("Sign in first."));

  return FALSE;
}

static void
post_json (BylineXrpcClient    *self,
           const char          *nsid,
           JsonObject          *input,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GBytes) body = NULL;

  if (!check_signed_in (self, post_json, cancellable, callback, user_data))
    return;

  body = object_to_bytes (input);

  byline_xrpc_client_call_async (self, "POST", nsid, NULL, body, "application/json",
                                 cancellable, callback, user_data);
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

  if (bytes == NULL || !(answer = parse_object (bytes, &error)))
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
  body = object_to_bytes (input);
  start_request (self, "POST",
                 g_strdup_printf ("%s/xrpc/com.atproto.server.createSession",
                                  self->service ? self->service : ""),
                 "com.atproto.server.createSession", body, "application/json", AUTH_NONE,
                 cancellable, session_cb, task);
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
  start_request (self, "POST",
                 g_strdup_printf ("%s/xrpc/com.atproto.server.refreshSession",
                                  self->service ? self->service : ""),
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

static void
well_known_did_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *did = NULL;

  if (bytes != NULL)
    did = g_strstrip (g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)));
  if (did == NULL || !g_str_has_prefix (did, "did:") || strchr (did, '\n') != NULL)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNKNOWN_HANDLE,
                               _("The handle “%s” does not belong to any account."),
                               (const char *)g_task_get_task_data (task));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&did), g_free);
}

static void
dns_records_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineXrpcClient *self = g_task_get_source_object (task);
  const char *handle = g_task_get_task_data (task);
  GList *records = g_resolver_lookup_records_finish (G_RESOLVER (object), result, NULL);
  g_autofree char *did = NULL;

  for (GList *l = records; l != NULL && did == NULL; l = l->next)
    {
      g_autofree const char **strings = NULL;

      g_variant_get (l->data, "(^a&s)", &strings);
      for (guint i = 0; strings != NULL && strings[i] != NULL && did == NULL; i++)
        if (g_str_has_prefix (strings[i], "did=did:"))
          did = g_strdup (strings[i] + 4);
    }
  g_list_free_full (records, (GDestroyNotify)g_variant_unref);

  if (did != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&did), g_free);
      return;
    }

  start_request (self, "GET", g_strdup_printf ("https://%s/.well-known/atproto-did", handle),
                 NULL, NULL, NULL, AUTH_NONE, g_task_get_cancellable (task),
                 well_known_did_cb, g_object_ref (task));
}

static void
resolve_handle_dns (GTask *task)
{
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autofree char *name = g_strdup_printf ("_atproto.%s",
                                           (const char *)g_task_get_task_data (task));

  g_resolver_lookup_records_async (resolver, name, G_RESOLVER_RECORD_TXT,
                                   g_task_get_cancellable (task), dns_records_cb,
                                   g_object_ref (task));
}

static void
resolve_handle_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BylineXrpcClient *self = BYLINE_XRPC_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (self, result, &error);
  const char *did;

  if (answer != NULL && (did = json_object_get_string_member_with_default (answer, "did", NULL)))
    {
      g_task_return_pointer (task, g_strdup (did), g_free);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The service does not know it: the handle's DNS TXT record, then its web server. */
  resolve_handle_dns (task);
}

/**
 * byline_xrpc_client_resolve_handle_async:
 * @self: a client
 * @handle: a handle such as `alice.example.com`
 * @cancellable: (nullable): a cancellable
 * @callback: called with the DID
 * @user_data: data for @callback
 *
 * Resolves a handle to a DID with `com.atproto.identity.resolveHandle` on the service, then
 * through the DNS TXT record `_atproto.HANDLE`, then `https://HANDLE/.well-known/atproto-did`.
 */
void
byline_xrpc_client_resolve_handle_async (BylineXrpcClient    *self,
                                         const char          *handle,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;
  GTask *task;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));
  g_return_if_fail (handle != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_xrpc_client_resolve_handle_async);
  g_task_set_task_data (task, g_strdup (handle), g_free);
  escaped = g_uri_escape_string (handle, NULL, FALSE);
  query = g_strdup_printf ("handle=%s", escaped);
  start_request (self, "GET",
                 g_strdup_printf ("%s/xrpc/com.atproto.identity.resolveHandle?%s",
                                  self->service ? self->service : "https://public.api.bsky.app",
                                  query),
                 "com.atproto.identity.resolveHandle", NULL, NULL, AUTH_NONE, cancellable,
                 object_request_cb, g_task_new (self, cancellable, resolve_handle_cb, task));
}

char *
byline_xrpc_client_resolve_handle_finish (BylineXrpcClient  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
did_document_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) document = g_task_propagate_pointer (G_TASK (result), &error);

  if (document == NULL)
    {
      if (g_error_matches (error, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_NOT_FOUND))
        g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNKNOWN_HANDLE,
                                 _("No account has the identifier “%s”."),
                                 (const char *)g_task_get_task_data (task));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&document), (GDestroyNotify)json_object_unref);
}

/**
 * byline_xrpc_client_resolve_did_async:
 * @self: a client
 * @did: a `did:plc` or `did:web` identifier
 * @cancellable: (nullable): a cancellable
 * @callback: called with the DID document
 * @user_data: data for @callback
 *
 * Fetches a DID document: `did:plc` from the client's PLC directory, `did:web` from
 * `https://HOST/.well-known/did.json` (plain HTTP for `localhost` only).
 */
void
byline_xrpc_client_resolve_did_async (BylineXrpcClient    *self,
                                      const char          *did,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;
  char *url = NULL;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));
  g_return_if_fail (did != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_xrpc_client_resolve_did_async);
  g_task_set_task_data (task, g_strdup (did), g_free);

  if (g_str_has_prefix (did, "did:plc:"))
    url = g_strdup_printf ("%s/%s", self->plc_directory, did);
  else if (g_str_has_prefix (did, "did:web:") && strchr (did + 8, ':') == NULL)
    {
      g_autofree char *host = g_uri_unescape_string (did + 8, NULL);

      url = g_strdup_printf ("%s://%s/.well-known/did.json",
                             g_str_has_prefix (host, "localhost") ? "http" : "https", host);
    }

  if (url == NULL)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNKNOWN_HANDLE,
                               _("“%s” is not a DID Byline can resolve."), did);
      g_object_unref (task);
      return;
    }

  start_request (self, "GET", url, NULL, NULL, NULL, AUTH_NONE, cancellable, object_request_cb,
                 g_task_new (self, cancellable, did_document_cb, task));
}

/**
 * byline_xrpc_client_resolve_did_finish:
 *
 * Returns: (transfer full): the DID document
 */
JsonObject *
byline_xrpc_client_resolve_did_finish (BylineXrpcClient  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * byline_xrpc_did_document_get_pds:
 * @did_document: a DID document
 *
 * Returns: (transfer full) (nullable): the endpoint of the `#atproto_pds` service
 */
char *
byline_xrpc_did_document_get_pds (JsonObject *did_document)
{
  JsonArray *services;

  g_return_val_if_fail (did_document != NULL, NULL);

  if (!json_object_has_member (did_document, "service")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (did_document, "service")))
    return NULL;
  services = json_object_get_array_member (did_document, "service");
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonNode *node = json_array_get_element (services, i);
      JsonObject *service;
      const char *id;
      const char *endpoint;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      service = json_node_get_object (node);
      id = json_object_get_string_member_with_default (service, "id", "");
      endpoint = json_object_get_string_member_with_default (service, "serviceEndpoint", NULL);
      if (g_str_has_suffix (id, "#atproto_pds") && endpoint != NULL
          && (g_str_has_prefix (endpoint, "https://") || g_str_has_prefix (endpoint, "http://")))
        return strip_slash (endpoint);
    }

  return NULL;
}

static void
blob_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  BylineXrpcClient *self = BYLINE_XRPC_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (self, result, &error);

  if (answer == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!json_object_has_member (answer, "blob")
           || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (answer, "blob")))
    g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_RESPONSE,
                             _("The server’s answer to an upload has no blob."));
  else
    g_task_return_pointer (task, json_object_ref (json_object_get_object_member (answer, "blob")),
                           (GDestroyNotify)json_object_unref);
}

/**
 * byline_xrpc_client_upload_blob_async:
 * @self: a signed-in client
 * @data: the file's bytes
 * @mime_type: the file's type
 * @cancellable: (nullable): a cancellable
 * @callback: called with the blob reference
 * @user_data: data for @callback
 *
 * Uploads a file with `com.atproto.repo.uploadBlob`.
 */
void
byline_xrpc_client_upload_blob_async (BylineXrpcClient    *self,
                                      GBytes              *data,
                                      const char          *mime_type,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));
  g_return_if_fail (data != NULL && mime_type != NULL);

  if (!check_signed_in (self, byline_xrpc_client_upload_blob_async, cancellable, callback,
                        user_data))
    return;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_xrpc_client_upload_blob_async);
  byline_xrpc_client_call_async (self, "POST", "com.atproto.repo.uploadBlob", NULL, data,
                                 mime_type, cancellable, blob_cb, task);
}

/**
 * byline_xrpc_client_upload_blob_finish:
 *
 * Returns: (transfer full): the blob, `{"$type":"blob","ref":…,"mimeType":…,"size":…}`
 */
JsonObject *
byline_xrpc_client_upload_blob_finish (BylineXrpcClient  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * byline_xrpc_client_put_record_async:
 * @self: a signed-in client
 * @collection: the record's collection NSID
 * @rkey: the record key
 * @record: the record
 * @swap_record: (nullable): the CID the record must still have, so that a change made
 *   elsewhere fails with %BYLINE_XRPC_ERROR_INVALID_SWAP
 * @cancellable: (nullable): a cancellable
 * @callback: called with `{uri, cid}`; finish with [method@XrpcClient.call_finish]
 * @user_data: data for @callback
 *
 * Creates or replaces a record in the session's repository, validated by the server.
 */
void
byline_xrpc_client_put_record_async (BylineXrpcClient    *self,
                                     const char          *collection,
                                     const char          *rkey,
                                     JsonObject          *record,
                                     const char          *swap_record,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonObject) input = json_object_new ();

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));
  g_return_if_fail (collection != NULL && rkey != NULL && record != NULL);

  json_object_set_string_member (input, "repo", self->did ? self->did : "");
  json_object_set_string_member (input, "collection", collection);
  json_object_set_string_member (input, "rkey", rkey);
  json_object_set_boolean_member (input, "validate", TRUE);
  json_object_set_object_member (input, "record", json_object_ref (record));
  if (swap_record != NULL)
    json_object_set_string_member (input, "swapRecord", swap_record);
  post_json (self, "com.atproto.repo.putRecord", input, cancellable, callback, user_data);
}

/**
 * byline_xrpc_client_create_record_async:
 * @self: a signed-in client
 * @collection: the record's collection NSID
 * @record: the record
 * @cancellable: (nullable): a cancellable
 * @callback: called with `{uri, cid}`; finish with [method@XrpcClient.call_finish]
 * @user_data: data for @callback
 *
 * Creates a record under a key the server chooses.
 */
void
byline_xrpc_client_create_record_async (BylineXrpcClient    *self,
                                        const char          *collection,
                                        JsonObject          *record,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(JsonObject) input = json_object_new ();

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));
  g_return_if_fail (collection != NULL && record != NULL);

  json_object_set_string_member (input, "repo", self->did ? self->did : "");
  json_object_set_string_member (input, "collection", collection);
  json_object_set_object_member (input, "record", json_object_ref (record));
  post_json (self, "com.atproto.repo.createRecord", input, cancellable, callback, user_data);
}

/**
 * byline_xrpc_client_delete_record_async:
 * @self: a signed-in client
 * @collection: the record's collection NSID
 * @rkey: the record key
 * @swap_record: (nullable): the CID the record must still have
 * @cancellable: (nullable): a cancellable
 * @callback: finish with [method@XrpcClient.call_finish]
 * @user_data: data for @callback
 */
void
byline_xrpc_client_delete_record_async (BylineXrpcClient    *self,
                                        const char          *collection,
                                        const char          *rkey,
                                        const char          *swap_record,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(JsonObject) input = json_object_new ();

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));
  g_return_if_fail (collection != NULL && rkey != NULL);

  json_object_set_string_member (input, "repo", self->did ? self->did : "");
  json_object_set_string_member (input, "collection", collection);
  json_object_set_string_member (input, "rkey", rkey);
  if (swap_record != NULL)
    json_object_set_string_member (input, "swapRecord", swap_record);
  post_json (self, "com.atproto.repo.deleteRecord", input, cancellable, callback, user_data);
}

static char *
build_query (const char *first_key,
             ...)
{
  GString *query = g_string_new (NULL);
  const char *key;
  va_list args;

  va_start (args, first_key);
  for (key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *escaped = NULL;

      if (value == NULL)
        continue;
      escaped = g_uri_escape_string (value, NULL, FALSE);
      g_string_append_printf (query, "%s%s=%s", query->len ? "&" : "", key, escaped);
    }
  va_end (args);

  return g_string_free (query, FALSE);
}

/**
 * byline_xrpc_client_get_record_async:
 * @self: a client
 * @repo: a DID or handle
 * @collection: the collection NSID
 * @rkey: the record key
 * @cancellable: (nullable): a cancellable
 * @callback: called with `{uri, cid, value}`; finish with [method@XrpcClient.call_finish]
 * @user_data: data for @callback
 */
void
byline_xrpc_client_get_record_async (BylineXrpcClient    *self,
                                     const char          *repo,
                                     const char          *collection,
                                     const char          *rkey,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *query = NULL;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));

  query = build_query ("repo", repo, "collection", collection, "rkey", rkey, NULL);
  byline_xrpc_client_call_async (self, "GET", "com.atproto.repo.getRecord", query, NULL, NULL,
                                 cancellable, callback, user_data);
}

/**
 * byline_xrpc_client_list_records_async:
 * @self: a client
 * @repo: a DID or handle
 * @collection: the collection NSID
 * @cursor: (nullable): the cursor of the previous page
 * @limit: at most this many records, 0 for the server's default
 * @cancellable: (nullable): a cancellable
 * @callback: called with `{records, cursor}`; finish with [method@XrpcClient.call_finish]
 * @user_data: data for @callback
 */
void
byline_xrpc_client_list_records_async (BylineXrpcClient    *self,
                                       const char          *repo,
                                       const char          *collection,
                                       const char          *cursor,
                                       guint                limit,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *limit_str = limit ? g_strdup_printf ("%u", limit) : NULL;
  g_autofree char *query = NULL;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));

  query = build_query ("repo", repo, "collection", collection, "cursor", cursor,
                       "limit", limit_str, NULL);
  byline_xrpc_client_call_async (self, "GET", "com.atproto.repo.listRecords", query, NULL, NULL,
                                 cancellable, callback, user_data);
}

/**
 * byline_xrpc_format_at_uri:
 *
 * Returns: (transfer full): `at://DID/COLLECTION/RKEY`
 */
char *
byline_xrpc_format_at_uri (const char *did,
                           const char *collection,
                           const char *rkey)
{
  return g_strdup_printf ("at://%s/%s/%s", did, collection, rkey);
}

/**
 * byline_xrpc_parse_at_uri:
 * @uri: an AT-URI of a record
 * @did: (out) (optional): the repository
 * @collection: (out) (optional): the collection
 * @rkey: (out) (optional): the record key
 *
 * Returns: whether @uri has the form `at://AUTHORITY/COLLECTION/RKEY`
 */
gboolean
byline_xrpc_parse_at_uri (const char  *uri,
                          char       **did,
                          char       **collection,
                          char       **rkey)
{
  g_auto(GStrv) parts = NULL;

  if (uri == NULL || !g_str_has_prefix (uri, "at://"))
    return FALSE;
  parts = g_strsplit (uri + 5, "/", -1);
  if (g_strv_length (parts) != 3 || !*parts[0] || !*parts[1] || !*parts[2])
    return FALSE;
  if (did)
    *did = g_strdup (parts[0]);
  if (collection)
    *collection = g_strdup (parts[1]);
  if (rkey)
    *rkey = g_strdup (parts[2]);

  return TRUE;
}
