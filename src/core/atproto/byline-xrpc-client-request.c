/* byline-xrpc-client-request.c
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
 * Sending a request: the access token, renewing an expired one once, sitting out a short
 * rate limit, and turning what went wrong into an error a writer understands.
 */

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
  guint     nonce_retried : 1;
} Call;

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
  if (status == 403 && g_str_has_prefix (message, "Missing required scope"))
    {
      const char *start = strchr (message, '"');
      const char *end = start ? strchr (start + 1, '"') : NULL;
      g_autofree char *scope = end ? g_strndup (start + 1, end - start - 1) : g_strdup (message);

      return g_error_new (BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_SCOPE_MISSING,
                          _("Byline was not given the permission “%s” when you signed in. Sign "
                            "in again and allow it."), scope);
    }
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

/* A refreshed OAuth session: a session that cannot be renewed asks to sign in again. */
static void
oauth_refresh_for_call_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_oauth_session_refresh_finish (BYLINE_OAUTH_SESSION (object), result, &error))
    {
      if (g_error_matches (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_SESSION_EXPIRED))
        g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_EXPIRED_TOKEN,
                                 _("The session has expired. Sign in again."));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  send_call (g_steal_pointer (&task));
}

static void
refresh_oauth (BylineXrpcClient *self,
               GTask            *task)
{
  Call *call = g_task_get_task_data (task);

  call->refreshed = TRUE;
  byline_oauth_session_refresh_async (self->oauth, g_task_get_cancellable (task),
                                      oauth_refresh_for_call_cb, task);
}

/* What the PDS says about a DPoP-bound request: a fresh nonce to repeat it with once, or an
 * expired token to renew once. Returns whether the request goes on. */
static gboolean
retry_oauth (BylineXrpcClient  *self,
             GTask            **task,
             SoupMessage       *msg,
             guint              status,
             JsonObject        *body)
{
  Call *call = g_task_get_task_data (*task);
  const char *challenge = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                        "WWW-Authenticate");
  const char *error = body ? json_object_get_string_member_with_default (body, "error", NULL)
                           : NULL;
  gboolean new_nonce = byline_oauth_session_take_nonce (self->oauth, msg);

  if (status != 401 && status != 400)
    return FALSE;
  if ((g_strcmp0 (error, "use_dpop_nonce") == 0
       || (challenge && strstr (challenge, "use_dpop_nonce")))
      && new_nonce && !call->nonce_retried)
    {
      call->nonce_retried = TRUE;
      send_call (g_steal_pointer (task));
      return TRUE;
    }
  if (status == 401 && !call->refreshed
      && (g_strcmp0 (error, "ExpiredToken") == 0 || g_strcmp0 (error, "InvalidToken") == 0
          || (challenge && strstr (challenge, "invalid_token"))))
    {
      refresh_oauth (self, g_steal_pointer (task));
      return TRUE;
    }

  return FALSE;
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
  if (call->auth == AUTH_ACCESS && self->oauth != NULL && status >= 200 && status < 300)
    byline_oauth_session_take_nonce (self->oauth, msg);
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

  if (call->auth == AUTH_ACCESS && self->oauth != NULL
      && retry_oauth (self, &task, msg, status, body))
    return;

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
  if (call->auth == AUTH_ACCESS && self->oauth != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Renew before expiry rather than after a refusal. */
      if (!call->refreshed && byline_oauth_session_is_expiring (self->oauth))
        {
          refresh_oauth (self, task);
          return;
        }
      if (!byline_oauth_session_authorize_message (self->oauth, msg, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
    }
  else if (call->auth == AUTH_ACCESS)
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

/* The URL of an XRPC method on @service; %NULL leaves a relative URL, which
 * _byline_xrpc_client_start_request() refuses. */
char *
_byline_xrpc_build_url (const char *service,
                        const char *nsid,
                        const char *query)
{
  return g_strdup_printf ("%s/xrpc/%s%s%s", service ? service : "", nsid,
                          query ? "?" : "", query ? query : "");
}

/* Starts a request and takes @url; the task returns the body of a 2xx answer as GBytes. */
void
_byline_xrpc_client_start_request (BylineXrpcClient    *self,
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
  g_task_set_source_tag (task, _byline_xrpc_client_start_request);
  g_task_set_task_data (task, call, (GDestroyNotify)call_free);

  if (auth == AUTH_ACCESS && !_byline_xrpc_client_has_access (self))
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

JsonObject *
_byline_xrpc_parse_object (GBytes  *bytes,
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

/* Finishes a request for the task in @user_data with the JSON object it answered. */
void
_byline_xrpc_client_object_request_cb (GObject      *object,
                                       GAsyncResult *result,
                                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *answer;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL || !(answer = _byline_xrpc_parse_object (bytes, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, answer, (GDestroyNotify)json_object_unref);
}

GBytes *
_byline_xrpc_object_to_bytes (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  char *text;

  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);

  return g_bytes_new_take (text, strlen (text));
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
  _byline_xrpc_client_start_request (self, method,
                                     _byline_xrpc_build_url (self->service, nsid, query),
                                     nsid, body, content_type,
                                     _byline_xrpc_client_has_access (self) ? AUTH_ACCESS
                                                                           : AUTH_NONE,
                                     cancellable,
                                     _byline_xrpc_client_object_request_cb, task);
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

