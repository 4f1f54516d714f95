/* byline-xrpc-client-repo.c
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

#include <glib/gi18n.h>

#include "byline-xrpc-client-private.h"

/*
 * Working on a repository: uploading blobs, writing, reading and listing records, and
 * the AT-URIs that name them.
 */

/* Writes go to the session's own repository: without a session, fail before sending. */
static gboolean
check_signed_in (BylineXrpcClient    *self,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  if (self->did != NULL && _byline_xrpc_client_has_access (self))
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

  body = _byline_xrpc_object_to_bytes (input);

  byline_xrpc_client_call_async (self, "POST", nsid, NULL, body, "application/json",
                                 cancellable, callback, user_data);
}

/* The input of a write to the session's repository; without @rkey, the server chooses one. */
static JsonObject *
record_input (BylineXrpcClient *self,
              const char       *collection,
              const char       *rkey)
{
  JsonObject *input = json_object_new ();

  json_object_set_string_member (input, "repo", self->did ? self->did : "");
  json_object_set_string_member (input, "collection", collection);
  if (rkey != NULL)
    json_object_set_string_member (input, "rkey", rkey);

  return input;
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
  g_autoptr(JsonObject) input = NULL;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));
  g_return_if_fail (collection != NULL && rkey != NULL && record != NULL);

  input = record_input (self, collection, rkey);
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
  g_autoptr(JsonObject) input = NULL;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));
  g_return_if_fail (collection != NULL && record != NULL);

  input = record_input (self, collection, NULL);
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
  g_autoptr(JsonObject) input = NULL;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));
  g_return_if_fail (collection != NULL && rkey != NULL);

  input = record_input (self, collection, rkey);
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

static void
get_blob_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_task_propagate_pointer (G_TASK (result), &error);

  if (bytes == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref);
}

/**
 * byline_xrpc_client_get_blob_async:
 * @self: a client
 * @did: the repository holding the blob
 * @cid: the blob's CID
 * @cancellable: (nullable): a cancellable
 * @callback: called with the blob's bytes
 * @user_data: data for @callback
 *
 * Downloads a blob with `com.atproto.sync.getBlob`.
 */
void
byline_xrpc_client_get_blob_async (BylineXrpcClient    *self,
                                   const char          *did,
                                   const char          *cid,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *query = NULL;
  GTask *task;

  g_return_if_fail (BYLINE_IS_XRPC_CLIENT (self));
  g_return_if_fail (did != NULL && cid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_xrpc_client_get_blob_async);
  query = build_query ("did", did, "cid", cid, NULL);
  _byline_xrpc_client_start_request (self, "GET",
                                     _byline_xrpc_build_url (self->service,
                                                             "com.atproto.sync.getBlob", query),
                                     "com.atproto.sync.getBlob", NULL, NULL,
                                     self->access_token ? AUTH_ACCESS : AUTH_NONE, cancellable,
                                     get_blob_cb, task);
}

/**
 * byline_xrpc_client_get_blob_finish:
 *
 * Returns: (transfer full): the blob's bytes
 */
GBytes *
byline_xrpc_client_get_blob_finish (BylineXrpcClient  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
