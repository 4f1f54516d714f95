/* byline-oauth-loopback.c
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

#define G_LOG_DOMAIN "byline-oauth-loopback"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "byline-oauth-loopback.h"

/*
 * Where the browser comes back after the writer approves a sign-in: an HTTP server on
 * 127.0.0.1 at a port the system picks (RFC 8252, section 7.3). It answers one request to
 * /callback, hands its parameters on, and closes; nothing else on this machine or beyond
 * can reach it.
 */

#define CALLBACK_PATH "/callback"

struct _BylineOAuthLoopback
{
  GObject     parent_instance;

  /* Owned references */
  SoupServer *server;
  char       *redirect_uri;
  GTask      *waiting;
  GHashTable *received;

  gulong      cancelled_id;
};

G_DEFINE_FINAL_TYPE (BylineOAuthLoopback, byline_oauth_loopback, G_TYPE_OBJECT)

static void
finish_wait (BylineOAuthLoopback *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->waiting);

  if (task == NULL || self->received == NULL)
    return;
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
  self->cancelled_id = 0;
  g_task_return_pointer (task, g_hash_table_ref (self->received),
                         (GDestroyNotify)g_hash_table_unref);
}

static void
page (SoupServerMessage *msg,
      guint              status,
      const char        *title,
      const char        *text)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_text = g_markup_escape_text (text, -1);
  g_autofree char *html = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                                           "<title>%s</title></head><body><h1>%s</h1><p>%s</p>"
                                           "</body></html>\n",
                                           escaped_title, escaped_title, escaped_text);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Referrer-Policy", "no-referrer");
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY, html,
                                    strlen (html));
}

static gboolean
close_cb (gpointer user_data)
{
  byline_oauth_loopback_close (user_data);

  return G_SOURCE_REMOVE;
}

static void
answered_cb (SoupServerMessage   *msg,
             BylineOAuthLoopback *self)
{
  /* The answer has reached the browser; nothing more is accepted. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_cb, g_object_ref (self), g_object_unref);
}

static void
callback_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  BylineOAuthLoopback *self = user_data;
  GHashTableIter iter;
  gpointer key, value;

  if (self->received != NULL || !g_str_equal (path, CALLBACK_PATH)
      || g_strcmp0 (soup_server_message_get_method (msg), "GET") != 0)
    {
      page (msg, 404, _("Not found"), _("This address only receives a Byline sign-in."));
      return;
    }

  self->received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (query != NULL)
    {
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (self->received, g_strdup (key), g_strdup (value));
    }

  if (g_hash_table_contains (self->received, "error"))
    page (msg, 200, _("Sign-in cancelled"),
          _("Byline was not signed in. You can close this page and go back to Byline."));
  else
    page (msg, 200, _("Signed in to Byline"),
          _("You can close this page and go back to Byline."));
  g_signal_connect_object (msg, "finished", G_CALLBACK (answered_cb), self, 0);
  finish_wait (self);
}

static void
byline_oauth_loopback_dispose (GObject *object)
{
  BylineOAuthLoopback *self = (BylineOAuthLoopback *)object;

  byline_oauth_loopback_close (self);
  if (self->waiting != NULL && self->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (self->waiting), self->cancelled_id);
  self->cancelled_id = 0;
  g_clear_object (&self->waiting);

  G_OBJECT_CLASS (byline_oauth_loopback_parent_class)->dispose (object);
}

static void
byline_oauth_loopback_finalize (GObject *object)
{
  BylineOAuthLoopback *self = (BylineOAuthLoopback *)object;

  g_clear_pointer (&self->redirect_uri, g_free);
  g_clear_pointer (&self->received, g_hash_table_unref);

  G_OBJECT_CLASS (byline_oauth_loopback_parent_class)->finalize (object);
}

static void
byline_oauth_loopback_class_init (BylineOAuthLoopbackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_oauth_loopback_dispose;
  object_class->finalize = byline_oauth_loopback_finalize;
}

static void
byline_oauth_loopback_init (BylineOAuthLoopback *self)
{
}

/**
 * byline_oauth_loopback_new:
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a listener on 127.0.0.1, at a free port
 */
BylineOAuthLoopback *
byline_oauth_loopback_new (GError **error)
{
  g_autoptr(BylineOAuthLoopback) self = g_object_new (BYLINE_TYPE_OAUTH_LOOPBACK, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoslist(GUri) uris = NULL;

  self->server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (self->server, NULL, callback_cb, self, NULL);
  if (!soup_server_listen (self->server, address, 0, error))
    return NULL;
  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);
  self->redirect_uri = g_strdup_printf ("http://127.0.0.1:%d" CALLBACK_PATH,
                                        g_uri_get_port (uris->data));

  return g_steal_pointer (&self);
}

/**
 * byline_oauth_loopback_get_redirect_uri:
 *
 * Returns: `http://127.0.0.1:PORT/callback`
 */
const char *
byline_oauth_loopback_get_redirect_uri (BylineOAuthLoopback *self)
{
  g_return_val_if_fail (BYLINE_IS_OAUTH_LOOPBACK (self), NULL);

  return self->redirect_uri;
}

static void
cancelled_cb (GCancellable        *cancellable,
              BylineOAuthLoopback *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->waiting);

  /* Runs inside g_cancellable_cancel(); the handler goes with the task. */
  self->cancelled_id = 0;
  byline_oauth_loopback_close (self);
  if (task != NULL)
    g_task_return_error_if_cancelled (task);
}

/**
 * byline_oauth_loopback_wait_async:
 * @self: a listener
 * @cancellable: (nullable): a cancellable; cancelling closes the listener
 * @callback: called with the redirect's parameters
 * @user_data: data for @callback
 */
void
byline_oauth_loopback_wait_async (BylineOAuthLoopback *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_OAUTH_LOOPBACK (self));
  g_return_if_fail (self->waiting == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_oauth_loopback_wait_async);
  self->waiting = task;
  if (self->received != NULL)
    {
      finish_wait (self);
      return;
    }
  if (self->server == NULL)
    {
      self->waiting = NULL;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED,
                               _("The sign-in listener is closed."));
      g_object_unref (task);
      return;
    }
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self,
                                                NULL);
}

/**
 * byline_oauth_loopback_wait_finish:
 *
 * Returns: (transfer full): the parameters of the redirect, names to values
 */
GHashTable *
byline_oauth_loopback_wait_finish (BylineOAuthLoopback  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * byline_oauth_loopback_close:
 * @self: a listener
 *
 * Stops listening. The port is free again.
 */
void
byline_oauth_loopback_close (BylineOAuthLoopback *self)
{
  g_return_if_fail (BYLINE_IS_OAUTH_LOOPBACK (self));

  if (self->server == NULL)
    return;
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
}
