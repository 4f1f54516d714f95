/* byline-xrpc-client-profile.c
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

#include "byline-xrpc-client-private.h"

/*
 * Finding a person by handle, for the article's credits: the handle resolves to a DID (on
 * the client's service, then DNS and the web), the DID's document names their PDS, and
 * their profile record there gives the name they go by. Only the DID is needed: a profile
 * that cannot be read leaves the name to the handle.
 */

typedef struct
{
  char *handle;
  char *did;
  char *display_name;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_free (lookup->handle);
  g_free (lookup->did);
  g_free (lookup->display_name);
  g_free (lookup);
}

static void
lookup_return (GTask *task)
{
  Lookup *lookup = g_task_get_task_data (task);

  if (lookup->display_name == NULL || lookup->display_name[0] == '\0')
    g_set_str (&lookup->display_name, lookup->handle);

  g_task_return_boolean (task, TRUE);
}

static void
profile_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object),
                                                                 result, &error);
  JsonObject *value;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (error != NULL)
    g_debug ("No profile for %s: %s", lookup->did, error->message);

  if (answer != NULL && json_object_has_member (answer, "value") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (answer, "value")))
    {
      value = json_object_get_object_member (answer, "value");
      g_set_str (&lookup->display_name,
                 json_object_get_string_member_with_default (value, "displayName", NULL));
      if (lookup->display_name != NULL)
        g_strstrip (lookup->display_name);
    }

  lookup_return (task);
}

static void
did_document_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  BylineXrpcClient *self = BYLINE_XRPC_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) document = byline_xrpc_client_resolve_did_finish (self, result, &error);
  g_autofree char *pds = document ? byline_xrpc_did_document_get_pds (document) : NULL;
  g_autoptr(BylineXrpcClient) client = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (pds == NULL)
    {
      g_debug ("No PDS for %s: %s", lookup->did, error ? error->message : "none named");
      lookup_return (task);
      return;
    }

  client = byline_xrpc_client_new (pds);
  byline_xrpc_client_set_timeout (client, byline_xrpc_client_get_timeout (self));
  byline_xrpc_client_get_record_async (client, lookup->did, "app.bsky.actor.profile", "self",
                                       g_task_get_cancellable (task), profile_cb,
                                       g_object_ref (task));
}

static void
handle_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  BylineXrpcClient *self = BYLINE_XRPC_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  lookup->did = byline_xrpc_client_resolve_handle_finish (self, result, &error);
  if (lookup->did == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNKNOWN_HANDLE,
                                 _("No account has the handle “%s”."), lookup->handle);
      return;
    }

  byline_xrpc_client_resolve_did_async (self, lookup->did, g_task_get_cancellable (task),
                                        did_document_cb, g_object_ref (task));
}

/**
 * byline_xrpc_client_lookup_profile_async:
 * @self: a client
 * @handle: a handle such as `alice.example.com`, with or without its `@`
 * @cancellable: (nullable): a cancellable
 * @callback: called when the DID is known
 * @user_data: data for @callback
 *
 * Finds the account of @handle: its DID, and the display name of its profile.
 */
void
byline_xrpc_client_lookup_profile_async (BylineXrpcClient    *self,
                                         const char          *handle,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Lookup *lookup;
  g_autofree char *stripped = NULL;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));
  g_return_if_fail (handle != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_xrpc_client_lookup_profile_async);

  stripped = g_strstrip (g_strdup (handle));
  lookup = g_new0 (Lookup, 1);
  lookup->handle = g_ascii_strdown (stripped[0] == '@' ? stripped + 1 : stripped, -1);
  g_task_set_task_data (task, lookup, (GDestroyNotify)lookup_free);

  /* A handle is a domain name: at least two labels, no spaces. */
  if (strchr (lookup->handle, '.') == NULL || strpbrk (lookup->handle, " \t/:@") != NULL ||
      lookup->handle[0] == '.' || g_str_has_suffix (lookup->handle, "."))
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNKNOWN_HANDLE,
                               _("“%s” is not a handle: a handle looks like name.example.com."),
                               stripped);
      return;
    }

  byline_xrpc_client_resolve_handle_async (self, lookup->handle, cancellable, handle_cb,
                                           g_steal_pointer (&task));
}

/**
 * byline_xrpc_client_lookup_profile_finish:
 * @self: a client
 * @result: the result
 * @did: (out) (optional): the account's DID
 * @display_name: (out) (optional): its profile's display name, or else the handle
 * @error: return location for an error
 *
 * Returns: %TRUE if the handle was found
 */
gboolean
byline_xrpc_client_lookup_profile_finish (BylineXrpcClient  *self,
                                          GAsyncResult      *result,
                                          char             **did,
                                          char             **display_name,
                                          GError           **error)
{
  Lookup *lookup;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  lookup = g_task_get_task_data (G_TASK (result));
  if (did != NULL)
    *did = g_strdup (lookup->did);
  if (display_name != NULL)
    *display_name = g_strdup (lookup->display_name);

  return TRUE;
}
