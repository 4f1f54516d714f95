/* byline-publisher-publications.c
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

#include <string.h>

#include <glib/gi18n.h>

#include "byline-json.h"
#include "byline-publisher-private.h"
#include "byline-tid.h"

/*
 * The account's publications: listing its `site.standard.publication` records and
 * creating one.
 */

typedef struct
{
  JsonArray *publications;
  char      *cursor;
} ListPublications;

static void
list_publications_free (ListPublications *state)
{
  g_clear_pointer (&state->publications, json_array_unref);
  g_free (state->cursor);
  g_free (state);
}

static void list_publications_page (GTask *task);

/* What Byline shows of a publication: {uri, name, url, and basicTheme when it has one}. */
static JsonObject *
publication_item (const char *uri,
                  JsonObject *value)
{
  JsonObject *item = json_object_new ();

  json_object_set_string_member (item, "uri", uri);
  json_object_set_string_member (item, "name",
                                 json_object_get_string_member_with_default (value, "name", ""));
  json_object_set_string_member (item, "url",
                                 json_object_get_string_member_with_default (value, "url", ""));
  if (json_object_has_member (value, "basicTheme") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (value, "basicTheme")))
    json_object_set_member (item, "basicTheme",
                            json_node_copy (json_object_get_member (value, "basicTheme")));
  json_object_set_boolean_member (item, "leaflet", byline_publication_is_leaflet (value));

  return item;
}

static void
publications_page_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListPublications *state = g_task_get_task_data (task);
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
      JsonObject *value = record && json_object_has_member (record, "value")
                          ? json_object_get_object_member (record, "value") : NULL;
      JsonObject *item;

      if (value == NULL || !json_object_has_member (record, "uri"))
        continue;
      item = publication_item (json_object_get_string_member (record, "uri"), value);
      json_array_add_object_element (state->publications, item);
    }

  cursor = json_object_get_string_member_with_default (answer, "cursor", NULL);
  if (cursor != NULL && records != NULL && json_array_get_length (records) > 0)
    {
      g_free (state->cursor);
      state->cursor = g_strdup (cursor);
      list_publications_page (g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task, json_array_ref (state->publications),
                         (GDestroyNotify)json_array_unref);
}

static void
list_publications_page (GTask *task)
{
  BylinePublisher *self = g_task_get_source_object (task);
  ListPublications *state = g_task_get_task_data (task);

  byline_xrpc_client_list_records_async (self->client, byline_xrpc_client_get_did (self->client),
                                         BYLINE_PUBLICATION_COLLECTION, state->cursor, 100,
                                         g_task_get_cancellable (task), publications_page_cb,
                                         task);
}

/**
 * byline_publisher_list_publications_async:
 * @self: a publisher
 * @cancellable: (nullable): a cancellable
 * @callback: called with the publications
 * @user_data: data for @callback
 *
 * Lists the account's `site.standard.publication` records, every page of them.
 */
void
byline_publisher_list_publications_async (BylinePublisher     *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;
  ListPublications *state;

  g_return_if_fail (BYLINE_IS_PUBLISHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_publisher_list_publications_async);
  state = g_new0 (ListPublications, 1);
  state->publications = json_array_new ();
  g_task_set_task_data (task, state, (GDestroyNotify)list_publications_free);
  list_publications_page (task);
}

/**
 * byline_publisher_list_publications_finish:
 *
 * Returns: (transfer full): objects `{uri, name, url, leaflet}`, one per publication;
 *   `leaflet` says whether Leaflet serves it (byline_publication_is_leaflet())
 */
JsonArray *
byline_publisher_list_publications_finish (BylinePublisher  *self,
                                           GAsyncResult     *result,
                                           GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
publication_created_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object),
                                                                 result, &error);
  const char *uri;

  if (answer == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if ((uri = json_object_get_string_member_with_default (answer, "uri", NULL)) == NULL)
    g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_RESPONSE,
                             _("The server did not say where it stored the publication."));
  else
    g_task_return_pointer (task, g_strdup (uri), g_free);
}

/**
 * byline_publisher_create_publication_async:
 * @self: a publisher
 * @name: the publication's name
 * @url: its address, `https://` without a trailing slash
 * @description: (nullable): what it is about
 * @cancellable: (nullable): a cancellable
 * @callback: called with the publication's AT-URI
 * @user_data: data for @callback
 *
 * Creates a `site.standard.publication` record, for articles to name as their `site`.
 */
void
byline_publisher_create_publication_async (BylinePublisher     *self,
                                           const char          *name,
                                           const char          *url,
                                           const char          *description,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autofree char *stripped = NULL;
  g_autofree char *rkey = byline_tid_next ();
  GTask *task;

  g_return_if_fail (BYLINE_IS_PUBLISHER (self));
  g_return_if_fail (name != NULL && url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_publisher_create_publication_async);
  stripped = g_strdup (url);
  while (g_str_has_suffix (stripped, "/"))
    stripped[strlen (stripped) - 1] = '\0';
  json_object_set_string_member (record, "$type", BYLINE_PUBLICATION_COLLECTION);
  json_object_set_string_member (record, "name", name);
  json_object_set_string_member (record, "url", stripped);
  if (description != NULL && *description != '\0')
    json_object_set_string_member (record, "description", description);
  byline_xrpc_client_put_record_async (self->client, BYLINE_PUBLICATION_COLLECTION, rkey, record,
                                       NULL, cancellable, publication_created_cb, task);
}

/**
 * byline_publisher_create_publication_finish:
 *
 * Returns: (transfer full): the new publication's AT-URI
 */
char *
byline_publisher_create_publication_finish (BylinePublisher  *self,
                                            GAsyncResult     *result,
                                            GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Whether @node, or anything in it, is typed as one of Leaflet's own (`pub.leaflet.…`). */
static gboolean
holds_leaflet_type (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);
      const char *type = byline_json_object_get_string (object, "$type");

      if (type != NULL && g_str_has_prefix (type, "pub.leaflet."))
        return TRUE;
      for (GList *l = members; l != NULL; l = l->next)
        if (g_strcmp0 (l->data, "$type") != 0 &&
            holds_leaflet_type (json_object_get_member (object, l->data)))
          return TRUE;
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (holds_leaflet_type (json_array_get_element (array, i)))
          return TRUE;
    }

  return FALSE;
}

/**
 * byline_publication_is_leaflet:
 * @record: a `site.standard.publication` record's value
 *
 * Whether the publication is one Leaflet serves: its `url` is on leaflet.pub (the site
 * itself or a name below it), or the record carries Leaflet's own settings (a theme or
 * preferences typed `pub.leaflet.…`). Its articles are read there as Leaflet blocks.
 *
 * Returns: %TRUE for a Leaflet publication
 */
gboolean
byline_publication_is_leaflet (JsonObject *record)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *url;
  const char *host;

  g_return_val_if_fail (record != NULL, FALSE);

  url = byline_json_object_get_string (record, "url");
  if (url != NULL && (uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)) != NULL &&
      (host = g_uri_get_host (uri)) != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (host, -1);

      if (g_str_has_suffix (lower, "."))
        lower[strlen (lower) - 1] = '\0';
      if (g_str_equal (lower, "leaflet.pub") || g_str_has_suffix (lower, ".leaflet.pub"))
        return TRUE;
    }

  node = json_node_init_object (json_node_alloc (), record);

  return holds_leaflet_type (node);
}

static void
publication_record_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object),
                                                                 result, &error);

  if (answer == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!json_object_has_member (answer, "value") ||
           !JSON_NODE_HOLDS_OBJECT (json_object_get_member (answer, "value")))
    g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_RESPONSE,
                             _("The server sent a publication without its record."));
  else
    g_task_return_pointer (task,
                           publication_item (g_task_get_task_data (task),
                                             json_object_get_object_member (answer, "value")),
                           (GDestroyNotify)json_object_unref);
}

static void
publication_did_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineXrpcClient *client = BYLINE_XRPC_CLIENT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) document = byline_xrpc_client_resolve_did_finish (client, result, &error);
  g_autofree char *pds = document ? byline_xrpc_did_document_get_pds (document) : NULL;
  g_autoptr(BylineXrpcClient) other = NULL;
  g_autofree char *did = NULL, *collection = NULL, *rkey = NULL;
  GCancellable *cancellable;

  if (document == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (pds == NULL)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_UNKNOWN_HANDLE,
                               _("The publication’s account names no server."));
      return;
    }

  byline_xrpc_parse_at_uri (g_task_get_task_data (task), &did, &collection, &rkey);
  other = byline_xrpc_client_new (pds);
  byline_xrpc_client_set_timeout (other, byline_xrpc_client_get_timeout (client));
  cancellable = g_task_get_cancellable (task);
  byline_xrpc_client_get_record_async (other, did, collection, rkey, cancellable,
                                       publication_record_cb, g_steal_pointer (&task));
}

/**
 * byline_publisher_get_publication_async:
 * @self: a publisher
 * @uri: the AT-URI of a `site.standard.publication` record (an article's `site`)
 * @cancellable: (nullable): a cancellable
 * @callback: called with the publication
 * @user_data: data for @callback
 *
 * Reads a publication, whoever's it is: from the signed-in account's server when it is
 * theirs, else from the server the owner's DID document names. No session is needed.
 */
void
byline_publisher_get_publication_async (BylinePublisher     *self,
                                        const char          *uri,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *did = NULL, *collection = NULL, *rkey = NULL;
  GTask *task;

  g_return_if_fail (BYLINE_IS_PUBLISHER (self));
  g_return_if_fail (uri != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_publisher_get_publication_async);
  g_task_set_task_data (task, g_strdup (uri), g_free);

  if (!byline_xrpc_parse_at_uri (uri, &did, &collection, &rkey) || rkey == NULL ||
      g_strcmp0 (collection, BYLINE_PUBLICATION_COLLECTION) != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("“%s” is not the address of a publication."), uri);
      g_object_unref (task);
      return;
    }

  if (g_strcmp0 (did, byline_xrpc_client_get_did (self->client)) == 0)
    byline_xrpc_client_get_record_async (self->client, did, collection, rkey, cancellable,
                                         publication_record_cb, task);
  else
    byline_xrpc_client_resolve_did_async (self->client, did, cancellable, publication_did_cb,
                                          task);
}

/**
 * byline_publisher_get_publication_finish:
 *
 * Returns: (transfer full): the publication, as an object `{uri, name, url}` with its
 *   `basicTheme` when it has one
 */
JsonObject *
byline_publisher_get_publication_finish (BylinePublisher  *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
