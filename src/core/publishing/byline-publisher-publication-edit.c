/* byline-publisher-publication-edit.c
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

#define G_LOG_DOMAIN "byline-publisher"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-publication.h"
#include "byline-publisher-private.h"
#include "byline-tid.h"
#include "byline-validator.h"

/*
 * Writing a publication record: a new one under a fresh record key, or an edit in place,
 * replacing only the version the writer edited (swapRecord), after the icon's upload.
 */

typedef struct
{
  BylinePublication *publication;
  char              *rkey;
  char              *swap;
  GFile             *icon;
  char              *icon_type;
} SavePublication;

static void
save_publication_free (SavePublication *state)
{
  g_clear_pointer (&state->publication, byline_publication_free);
  g_free (state->rkey);
  g_free (state->swap);
  g_clear_object (&state->icon);
  g_free (state->icon_type);
  g_free (state);
}

static void
publication_put_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object),
                                                                 result, &error);

  if (answer == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!json_object_has_member (answer, "uri") || !json_object_has_member (answer, "cid"))
    g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_RESPONSE,
                             _("The server did not say where it stored the publication."));
  else
    g_task_return_pointer (task, g_steal_pointer (&answer), (GDestroyNotify)json_object_unref);
}

static void
put_publication (GTask *task)
{
  BylinePublisher *self = g_task_get_source_object (task);
  SavePublication *state = g_task_get_task_data (task);
  g_autoptr(JsonObject) record = byline_publication_to_record (state->publication);

  byline_xrpc_client_put_record_async (self->client, BYLINE_PUBLICATION_COLLECTION, state->rkey,
                                       record, state->swap, g_task_get_cancellable (task),
                                       publication_put_cb, task);
}

static void
icon_uploaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  SavePublication *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  JsonObject *blob = byline_xrpc_client_upload_blob_finish (BYLINE_XRPC_CLIENT (object), result,
                                                            &error);

  if (blob == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  g_clear_pointer (&state->publication->icon, json_object_unref);
  state->publication->icon = blob;
  put_publication (task);
}

static void
icon_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  BylinePublisher *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (
    (GDestroyNotify)byline_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  g_autofree char *mime_type = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  if (!(mime_type = byline_publication_check_icon (problems, name, bytes)))
    {
      const BylineProblem *problem = g_ptr_array_index (problems, 0);

      g_task_return_new_error (task, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_INVALID, "%s",
                               problem->message);
      g_object_unref (task);
      return;
    }

  byline_xrpc_client_upload_blob_async (self->client, bytes, mime_type,
                                        g_task_get_cancellable (task), icon_uploaded_cb, task);
}

/**
 * byline_publisher_save_publication_async:
 * @self: a publisher
 * @publication: the publication as edited
 * @uri: (nullable): the record to replace, or %NULL for a new publication
 * @swap_cid: (nullable): the version of @uri the writer edited: if the record changed since,
 *   nothing is written and the error is %BYLINE_XRPC_ERROR_INVALID_SWAP
 * @icon: (nullable): an image file to upload as the new icon, or %NULL to keep the icon
 * @cancellable: (nullable): a cancellable
 * @callback: called with the record's address and version
 * @user_data: data for @callback
 *
 * Checks @publication against the lexicon, uploads @icon, and writes the record.
 */
void
byline_publisher_save_publication_async (BylinePublisher         *self,
                                         const BylinePublication *publication,
                                         const char              *uri,
                                         const char              *swap_cid,
                                         GFile                   *icon,
                                         GCancellable            *cancellable,
                                         GAsyncReadyCallback      callback,
                                         gpointer                 user_data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (
    (GDestroyNotify)byline_problem_free);
  g_autofree char *collection = NULL;
  GTask *task;
  SavePublication *state;

  g_return_if_fail (BYLINE_IS_PUBLISHER (self));
  g_return_if_fail (publication != NULL);
  g_return_if_fail (icon == NULL || G_IS_FILE (icon));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_publisher_save_publication_async);
  state = g_new0 (SavePublication, 1);
  state->publication = byline_publication_copy (publication);
  state->swap = g_strdup (swap_cid);
  state->icon = icon ? g_object_ref (icon) : NULL;
  g_task_set_task_data (task, state, (GDestroyNotify)save_publication_free);

  if (!byline_publication_check (publication, problems))
    {
      const BylineProblem *problem = g_ptr_array_index (problems, 0);

      g_task_return_new_error (task, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_INVALID, "%s",
                               problem->message);
      g_object_unref (task);
      return;
    }

  if (uri == NULL)
    state->rkey = byline_tid_next ();
  else if (!byline_xrpc_parse_at_uri (uri, NULL, &collection, &state->rkey) ||
           g_strcmp0 (collection, BYLINE_PUBLICATION_COLLECTION) != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("“%s” is not the address of a publication"), uri);
      g_object_unref (task);
      return;
    }

  if (icon != NULL)
    g_file_load_contents_async (icon, cancellable, icon_loaded_cb, task);
  else
    put_publication (task);
}

/**
 * byline_publisher_save_publication_finish:
 * @self: a publisher
 * @result: the result
 * @cid: (out) (optional) (transfer full): the version written
 * @error: return location for an error
 *
 * Returns: (transfer full): the publication's AT-URI
 */
char *
byline_publisher_save_publication_finish (BylinePublisher  *self,
                                          GAsyncResult     *result,
                                          char            **cid,
                                          GError          **error)
{
  g_autoptr(JsonObject) answer = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!(answer = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;
  if (cid != NULL)
    *cid = g_strdup (json_object_get_string_member (answer, "cid"));

  return g_strdup (json_object_get_string_member (answer, "uri"));
}
