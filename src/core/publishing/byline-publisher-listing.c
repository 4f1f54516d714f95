/* byline-publisher-listing.c
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

#include "byline-publisher-private.h"

/*
 * Every record of a collection of the account, all pages of listRecords: the checklist
 * compares the article with the publication's other documents.
 */

#define PAGE_SIZE 100

typedef struct
{
  char      *collection;
  char      *cursor;
  JsonArray *records;
} ListRecords;

static void
list_records_free (ListRecords *state)
{
  g_free (state->collection);
  g_free (state->cursor);
  g_clear_pointer (&state->records, json_array_unref);
  g_free (state);
}

static void list_records_page (GTask *task);

static void
records_page_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListRecords *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object),
                                                                 result, &error);
  JsonArray *records;
  const char *cursor;

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  records = json_object_has_member (answer, "records")
            ? json_object_get_array_member (answer, "records") : NULL;
  for (guint i = 0; records != NULL && i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);

      if (record != NULL && json_object_has_member (record, "uri") &&
          json_object_has_member (record, "value"))
        json_array_add_object_element (state->records, json_object_ref (record));
    }

  /* A server that keeps giving a cursor with empty pages would loop forever. */
  cursor = json_object_get_string_member_with_default (answer, "cursor", NULL);
  if (cursor != NULL && records != NULL && json_array_get_length (records) > 0 &&
      g_strcmp0 (cursor, state->cursor) != 0)
    {
      g_free (state->cursor);
      state->cursor = g_strdup (cursor);
      list_records_page (g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task, json_array_ref (state->records),
                         (GDestroyNotify)json_array_unref);
}

static void
list_records_page (GTask *task)
{
  BylinePublisher *self = g_task_get_source_object (task);
  ListRecords *state = g_task_get_task_data (task);

  byline_xrpc_client_list_records_async (self->client, byline_xrpc_client_get_did (self->client),
                                         state->collection, state->cursor, PAGE_SIZE,
                                         g_task_get_cancellable (task), records_page_cb, task);
}

/**
 * byline_publisher_list_records_async:
 * @self: a publisher
 * @collection: the collection, `site.standard.document` say
 * @cancellable: (nullable): a cancellable
 * @callback: called with the records
 * @user_data: data for @callback
 *
 * Lists every record of @collection in the account's repository, page after page.
 */
void
byline_publisher_list_records_async (BylinePublisher     *self,
                                     const char          *collection,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  ListRecords *state;

  g_return_if_fail (BYLINE_IS_PUBLISHER (self));
  g_return_if_fail (collection != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_publisher_list_records_async);
  state = g_new0 (ListRecords, 1);
  state->collection = g_strdup (collection);
  state->records = json_array_new ();
  g_task_set_task_data (task, state, (GDestroyNotify)list_records_free);
  list_records_page (task);
}

/**
 * byline_publisher_list_records_finish:
 *
 * Returns: (transfer full): the records as listRecords gives them, `{uri, cid, value}`
 */
JsonArray *
byline_publisher_list_records_finish (BylinePublisher  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
