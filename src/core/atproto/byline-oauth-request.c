/* byline-oauth-request.c
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

#define G_LOG_DOMAIN "byline-oauth-request"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-oauth-private.h"

/*
 * HTTP to an authorization server: metadata documents fetched without following redirects,
 * and form posts carrying a DPoP proof, repeated once when the server asks for a fresh nonce.
 */

#define TIMEOUT   30
#define MAX_BYTES (256 * 1024)

typedef struct
{
  BylineDpopKey *key;
  GHashTable    *nonces;
  char          *url;
  char          *body;
  guint          retried : 1;
} Post;

static void send_post (GTask *task);

static void
post_free (Post *post)
{
  g_clear_object (&post->key);
  g_clear_pointer (&post->nonces, g_hash_table_unref);
  g_free (post->url);
  g_free (post->body);
  g_free (post);
}

/* Loopback hosts may use plain HTTP: the reference PDS in development mode, and nothing
 * else can listen there. */
static gboolean
is_loopback_host (const char *host)
{
  return host != NULL && (g_str_equal (host, "localhost") || g_str_equal (host, "127.0.0.1")
                          || g_str_equal (host, "::1") || g_str_equal (host, "[::1]"));
}

gboolean
_byline_oauth_check_url (const char  *url,
                         const char  *what,
                         GError     **error)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0'
      && g_uri_get_fragment (uri) == NULL && g_uri_get_userinfo (uri) == NULL
      && (g_str_equal (g_uri_get_scheme (uri), "https")
          || (g_str_equal (g_uri_get_scheme (uri), "http")
              && is_loopback_host (g_uri_get_host (uri)))))
    return TRUE;

  g_set_error (error, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_INVALID_METADATA,
               _("The %s “%s” is not a secure (https) address."), what, url ? url : "");

  return FALSE;
}

char *
_byline_oauth_origin (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL)
    return g_strdup (url);

  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "", NULL, NULL);
}

SoupSession *
_byline_oauth_http_new (void)
{
  g_autofree char *user_agent = g_strdup_printf ("Byline/%s", PACKAGE_VERSION);

  return soup_session_new_with_options ("timeout", TIMEOUT, "user-agent", user_agent, NULL);
}

static JsonObject *
parse_object (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0
      || g_bytes_get_size (bytes) > MAX_BYTES
      || !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL)
      || !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

static GError *
transport_error (const char   *url,
                 const GError *error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  return g_error_new (BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_FAILED, _("Could not reach %s: %s"),
                      uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : url, error->message);
}

static void
get_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object_;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, transport_error (g_task_get_task_data (task), error));
      return;
    }
  if (soup_message_get_status (msg) != 200 || (object_ = parse_object (bytes)) == NULL)
    {
      g_task_return_new_error (task, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_INVALID_METADATA,
                               _("%s did not answer with OAuth metadata (HTTP %u)."),
                               (const char *)g_task_get_task_data (task),
                               soup_message_get_status (msg));
      return;
    }

  g_task_return_pointer (task, object_, (GDestroyNotify)json_object_unref);
}

/* Fetches a JSON document; a redirect is an error, as the metadata must live where the
 * protocol says. */
void
_byline_oauth_get_json_async (SoupSession         *session,
                              const char          *url,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, _byline_oauth_get_json_async);
  g_task_set_task_data (task, g_strdup (url), g_free);
  if (!_byline_oauth_check_url (url, _("metadata address"), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  msg = soup_message_new ("GET", url);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/json");
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, cancellable, get_cb,
                                    g_steal_pointer (&task));
}

JsonObject *
_byline_oauth_get_json_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GError *
oauth_error (guint       status,
             JsonObject *body)
{
  const char *code = NULL;
  const char *description = NULL;

  if (body != NULL)
    {
      code = json_object_get_string_member_with_default (body, "error", NULL);
      description = json_object_get_string_member_with_default (body, "error_description", NULL);
    }
  if (description == NULL)
    description = code != NULL ? code : "";

  if (g_strcmp0 (code, "invalid_grant") == 0)
    return g_error_new (BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_SESSION_EXPIRED,
                        _("The sign-in is no longer valid (%s). Sign in again."), description);
  if (g_strcmp0 (code, "invalid_scope") == 0)
    return g_error_new (BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_SCOPE,
                        _("The server refused the permissions Byline asked for: %s"),
                        description);
  if (g_strcmp0 (code, "access_denied") == 0)
    return g_error_new (BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_DENIED,
                        _("The sign-in was refused: %s"), description);

  return g_error_new (BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_FAILED,
                      _("The authorization server answered HTTP %u: %s"), status, description);
}

static void
post_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Post *post = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  const char *nonce;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, transport_error (post->url, error));
      return;
    }

  status = soup_message_get_status (msg);
  body = parse_object (bytes);
  nonce = soup_message_headers_get_one (headers, "DPoP-Nonce");
  if (nonce != NULL)
    g_hash_table_replace (post->nonces, _byline_oauth_origin (post->url), g_strdup (nonce));

  if (status >= 200 && status < 300)
    {
      if (body == NULL)
        g_task_return_new_error (task, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_INVALID_RESPONSE,
                                 _("The authorization server’s answer is not a JSON object."));
      else
        g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify)json_object_unref);
      return;
    }

  if (body != NULL
      && g_strcmp0 (json_object_get_string_member_with_default (body, "error", NULL),
                    "use_dpop_nonce") == 0)
    {
      if (nonce == NULL)
        {
          g_task_return_new_error (task, BYLINE_OAUTH_ERROR, BYLINE_OAUTH_ERROR_NONCE,
                                   _("The authorization server asked for a DPoP nonce but "
                                     "gave none."));
          return;
        }
      if (!post->retried)
        {
          post->retried = TRUE;
          send_post (g_steal_pointer (&task));
          return;
        }
    }

  g_task_return_error (task, oauth_error (status, body));
}

static void
send_post (GTask *task)
{
  Post *post = g_task_get_task_data (task);
  g_autofree char *origin = _byline_oauth_origin (post->url);
  g_autofree char *proof = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  proof = byline_dpop_key_create_proof (post->key, "POST", post->url,
                                        g_hash_table_lookup (post->nonces, origin), NULL, &error);
  if (proof == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  msg = soup_message_new ("POST", post->url);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  body = g_bytes_new (post->body, strlen (post->body));
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "DPoP", proof);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/json");
  soup_session_send_and_read_async (g_task_get_source_object (task), msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), post_cb, task);
}

/* Posts @form with a DPoP proof to an endpoint of the authorization server; answers with the
 * JSON object of a 2xx answer. @nonces maps origins to the latest `DPoP-Nonce`. */
void
_byline_oauth_post_async (SoupSession         *session,
                          BylineDpopKey       *key,
                          GHashTable          *nonces,
                          const char          *url,
                          GHashTable          *form,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (session, cancellable, callback, user_data);
  Post *post = g_new0 (Post, 1);
  g_autoptr(GError) error = NULL;

  post->key = g_object_ref (key);
  post->nonces = g_hash_table_ref (nonces);
  post->url = g_strdup (url);
  post->body = soup_form_encode_hash (form);
  g_task_set_source_tag (task, _byline_oauth_post_async);
  g_task_set_task_data (task, post, (GDestroyNotify)post_free);

  if (!_byline_oauth_check_url (url, _("authorization server address"), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  send_post (task);
}

JsonObject *
_byline_oauth_post_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
