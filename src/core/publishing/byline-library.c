/* byline-library.c
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

#define G_LOG_DOMAIN "byline-library"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-cid.h"
#include "byline-front-matter.h"
#include "byline-json.h"
#include "byline-library.h"
#include "byline-publisher.h"
#include "byline-record.h"
#include "byline-record-diff.h"
#include "byline-validator.h"

/*
 * The writer's library: the records of an account listed page by page, and one document
 * pulled into an article folder (the record's Markdown, its cover and the images of its
 * Leaflet blocks in images/, linked to the record by its AT URI and CID), as an import
 * would make it, so that publishing it again replaces the record in place.
 */

/* The most records com.atproto.repo.listRecords gives at once. */
#define DEFAULT_PAGE_SIZE 100

#define LEAFLET_IMAGE_TYPE "pub.leaflet.blocks.image"

struct _BylineLibrary
{
  GObject           parent_instance;

  BylineXrpcClient *client;
  guint             page_size;
  guint             n_loaded;
};

typedef struct
{
  char      *collection;
  char      *cursor;
  JsonArray *records;
} List;

typedef struct
{
  char       *uri;
  GFile      *folder;
  JsonObject *answer;
  GPtrArray  *blobs;      /* JsonObject: the blobs to download, the cover first if any */
  GPtrArray  *data;       /* GBytes: what was downloaded, in the same order */
  gboolean    has_cover;
  char       *text;       /* the article */
  char       *name;       /* its file name */
} Pull;

G_DEFINE_FINAL_TYPE (BylineLibrary, byline_library, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_LOADED,
  PROP_PAGE_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
list_free (List *state)
{
  g_free (state->collection);
  g_free (state->cursor);
  g_clear_pointer (&state->records, json_array_unref);
  g_free (state);
}

static void
pull_free (Pull *state)
{
  g_free (state->uri);
  g_clear_object (&state->folder);
  g_clear_pointer (&state->answer, json_object_unref);
  g_clear_pointer (&state->blobs, g_ptr_array_unref);
  g_clear_pointer (&state->data, g_ptr_array_unref);
  g_free (state->text);
  g_free (state->name);
  g_free (state);
}

static void
set_n_loaded (BylineLibrary *self,
              guint          n_loaded)
{
  if (self->n_loaded == n_loaded)
    return;
  self->n_loaded = n_loaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
}

static void list_next_page (GTask *task);

static void
list_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineLibrary *self = g_task_get_source_object (task);
  List *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonNode *records;
  const char *cursor;
  guint n = 0;

  answer = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  records = json_object_get_member (answer, "records");
  if (records == NULL || !JSON_NODE_HOLDS_ARRAY (records))
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_RESPONSE,
                               _("The server’s list of records has no records."));
      return;
    }

  n = json_array_get_length (json_node_get_array (records));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (records), i);

      if (JSON_NODE_HOLDS_OBJECT (item))
        json_array_add_element (state->records, json_node_copy (item));
    }
  set_n_loaded (self, json_array_get_length (state->records));

  /* The last page has no cursor; a server that gives the same cursor again has no more. */
  cursor = byline_json_object_get_string (answer, "cursor");
  if (n == 0 || cursor == NULL || *cursor == '\0' || g_strcmp0 (cursor, state->cursor) == 0)
    {
      g_task_return_pointer (task, json_array_ref (state->records),
                             (GDestroyNotify) json_array_unref);
      return;
    }

  g_free (state->cursor);
  state->cursor = g_strdup (cursor);
  list_next_page (g_steal_pointer (&task));
}

static void
list_next_page (GTask *task)
{
  BylineLibrary *self = g_task_get_source_object (task);
  List *state = g_task_get_task_data (task);

  byline_xrpc_client_list_records_async (self->client, byline_xrpc_client_get_did (self->client),
                                         state->collection, state->cursor, self->page_size,
                                         g_task_get_cancellable (task), list_page_cb, task);
}

static void
byline_library_dispose (GObject *object)
{
  BylineLibrary *self = (BylineLibrary *) object;

  g_clear_object (&self->client);

  G_OBJECT_CLASS (byline_library_parent_class)->dispose (object);
}

static void
byline_library_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BylineLibrary *self = BYLINE_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_N_LOADED:
      g_value_set_uint (value, self->n_loaded);
      break;

    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_library_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BylineLibrary *self = BYLINE_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_PAGE_SIZE:
      byline_library_set_page_size (self, g_value_get_uint (value));
      break;

    case PROP_N_LOADED:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_library_class_init (BylineLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_library_dispose;
  object_class->get_property = byline_library_get_property;
  object_class->set_property = byline_library_set_property;

  /**
   * BylineLibrary:n-loaded:
   *
   * How many records the running list has received so far, for its progress.
   */
  properties[PROP_N_LOADED] =
    g_param_spec_uint ("n-loaded", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * BylineLibrary:page-size:
   *
   * How many records to ask for at once (1 to 100).
   */
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 1, DEFAULT_PAGE_SIZE, DEFAULT_PAGE_SIZE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_library_init (BylineLibrary *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
}

/**
 * byline_library_new:
 * @client: a signed-in client
 *
 * Returns: (transfer full): the library of @client's account
 */
BylineLibrary *
byline_library_new (BylineXrpcClient *client)
{
  BylineLibrary *self;

  g_return_val_if_fail (BYLINE_IS_XRPC_CLIENT (client), NULL);

  self = g_object_new (BYLINE_TYPE_LIBRARY, NULL);
  self->client = g_object_ref (client);

  return self;
}

/**
 * byline_library_get_client:
 *
 * Returns: (transfer none): the client the library reads through
 */
BylineXrpcClient *
byline_library_get_client (BylineLibrary *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY (self), NULL);

  return self->client;
}

guint
byline_library_get_page_size (BylineLibrary *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY (self), 0);

  return self->page_size;
}

void
byline_library_set_page_size (BylineLibrary *self,
                              guint          page_size)
{
  g_return_if_fail (BYLINE_IS_LIBRARY (self));

  page_size = CLAMP (page_size, 1, DEFAULT_PAGE_SIZE);
  if (self->page_size == page_size)
    return;
  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
}

guint
byline_library_get_n_loaded (BylineLibrary *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY (self), 0);

  return self->n_loaded;
}

/**
 * byline_library_list_async:
 * @self: a library
 * @collection: the collection, such as `site.standard.document`
 * @cancellable: (nullable): a cancellable
 * @callback: called with every record
 * @user_data: data for @callback
 *
 * Lists every record of @collection in the account's repository, following the cursor of
 * `com.atproto.repo.listRecords` page after page; [property@Library:n-loaded] counts them
 * as they come.
 */
void
byline_library_list_async (BylineLibrary       *self,
                           const char          *collection,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  List *state;

  g_return_if_fail (BYLINE_IS_LIBRARY (self));
  g_return_if_fail (collection != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_library_list_async);
  state = g_new0 (List, 1);
  state->collection = g_strdup (collection);
  state->records = json_array_new ();
  g_task_set_task_data (task, state, (GDestroyNotify) list_free);
  set_n_loaded (self, 0);

  if (byline_xrpc_client_get_did (self->client) == NULL)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_NOT_SIGNED_IN,
                               _("Sign in first."));
      g_object_unref (task);
      return;
    }

  list_next_page (task);
}

/**
 * byline_library_list_finish:
 *
 * Returns: (transfer full): the records, each `{uri, cid, value}`
 */
JsonArray *
byline_library_list_finish (BylineLibrary  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  JsonObject *answer = byline_xrpc_client_call_finish (BYLINE_XRPC_CLIENT (object), result,
                                                       &error);

  if (answer == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (byline_json_object_get_string (answer, "cid") == NULL ||
           !json_object_has_member (answer, "value") ||
           !JSON_NODE_HOLDS_OBJECT (json_object_get_member (answer, "value")))
    {
      json_object_unref (answer);
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_RESPONSE,
                               _("The server’s answer has no record."));
    }
  else
    g_task_return_pointer (task, answer, (GDestroyNotify) json_object_unref);
}

/**
 * byline_library_fetch_async:
 * @self: a library
 * @uri: the record's AT URI
 * @cancellable: (nullable): a cancellable
 * @callback: called with the record
 * @user_data: data for @callback
 *
 * Reads one record as it is now on its PDS.
 */
void
byline_library_fetch_async (BylineLibrary       *self,
                            const char          *uri,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *repo = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *rkey = NULL;
  GTask *task;

  g_return_if_fail (BYLINE_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_library_fetch_async);
  if (!byline_xrpc_parse_at_uri (uri, &repo, &collection, &rkey))
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_FAILED,
                               _("“%s” is not the AT URI of a record."), uri ? uri : "");
      g_object_unref (task);
      return;
    }

  byline_xrpc_client_get_record_async (self->client, repo, collection, rkey, cancellable,
                                       fetch_cb, task);
}

/**
 * byline_library_fetch_finish:
 *
 * Returns: (transfer full): the record, `{uri, cid, value}`
 */
JsonObject *
byline_library_fetch_finish (BylineLibrary  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The CID a blob refers to, or NULL. */
static const char *
blob_cid (JsonObject *blob)
{
  JsonNode *ref = blob ? json_object_get_member (blob, "ref") : NULL;

  if (ref == NULL || !JSON_NODE_HOLDS_OBJECT (ref))
    return NULL;

  return byline_json_object_get_string (json_node_get_object (ref), "$link");
}

static const char *
extension_for_mime (const char *mime)
{
  static const struct { const char *mime; const char *extension; } known[] = {
    { "image/png", "png" }, { "image/jpeg", "jpg" }, { "image/gif", "gif" },
    { "image/webp", "webp" }, { "image/avif", "avif" }, { "image/svg+xml", "svg" },
    { "image/bmp", "bmp" }, { "image/tiff", "tiff" },
  };

  for (guint i = 0; mime != NULL && i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strcasecmp (mime, known[i].mime) == 0)
      return known[i].extension;

  return "bin";
}

/**
 * byline_library_image_name:
 * @blob: an image blob of a record
 *
 * Where a pulled article keeps an image of its body: in `images/`, named from the end of
 * the blob's CID, so that the same image always has the same name.
 *
 * Returns: (transfer full) (nullable): the path relative to the article, or %NULL when
 *   @blob is no blob
 */
char *
byline_library_image_name (JsonObject *blob)
{
  const char *cid = blob_cid (blob);
  gsize length;

  if (cid == NULL || (length = strlen (cid)) < 8)
    return NULL;
  for (const char *p = cid; *p; p++)
    if (!g_ascii_isalnum (*p))
      return NULL;

  return g_strdup_printf ("images/%s.%s", cid + length - MIN (length, 12),
                          extension_for_mime (byline_json_object_get_string (blob, "mimeType")));
}

/**
 * byline_library_article_name:
 * @record: a `site.standard.document` record
 * @rkey: (nullable): its record key, the name of last resort
 *
 * The file name of a pulled article: the last part of its path (`/notes/harbour/` gives
 * `harbour.md`), else its title made a path, else its record key.
 *
 * Returns: (transfer full): the file name
 */
char *
byline_library_article_name (JsonObject *record,
                             const char *rkey)
{
  const char *path = byline_json_object_get_string (record, "path");
  g_autofree char *slug = NULL;

  if (path != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (path, "/", -1);

      for (guint i = g_strv_length (parts); i-- > 0;)
        if (*parts[i] != '\0')
          {
            char *dot = strrchr (parts[i], '.');

            if (dot != NULL && dot != parts[i])
              *dot = '\0';
            slug = byline_record_slugify (parts[i]);
            break;
          }
    }
  if (slug == NULL)
    slug = byline_record_slugify (byline_json_object_get_string (record, "title"));
  if (slug != NULL)
    return g_strdup_printf ("%s.md", slug + 1);

  return g_strdup_printf ("%s.md", rkey && *rkey && !strchr (rkey, '/') ? rkey : "article");
}

/* A Markdown image alone in its paragraph for a Leaflet image block, or NULL when the
 * export would not give the same block back. */
static char *
image_block_markdown (const char *json,
                      GPtrArray  *blobs)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) alt = g_string_new (NULL);
  g_autofree char *name = NULL;
  JsonObject *item, *block, *image;
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;
  const char *text;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  item = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (item, "block") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (item, "block")))
    return NULL;
  json_object_iter_init (&iter, item);
  while (json_object_iter_next (&iter, &member, &node))
    if (!g_str_equal (member, "$type") && !g_str_equal (member, "block"))
      return NULL;

  block = json_object_get_object_member (item, "block");
  if (g_strcmp0 (byline_json_object_get_string (block, "$type"), LEAFLET_IMAGE_TYPE) != 0 ||
      !json_object_has_member (block, "image") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (block, "image")))
    return NULL;
  json_object_iter_init (&iter, block);
  while (json_object_iter_next (&iter, &member, &node))
    if (!g_str_equal (member, "$type") && !g_str_equal (member, "image") &&
        !g_str_equal (member, "aspectRatio") && !g_str_equal (member, "alt"))
      return NULL;

  image = json_object_get_object_member (block, "image");
  if (!(name = byline_library_image_name (image)))
    return NULL;

  /* Every ASCII punctuation mark escaped, the alt text reads back as it was written. */
  text = byline_json_object_get_string (block, "alt");
  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == '\n')
        return NULL;
      if (g_ascii_ispunct (*p))
        g_string_append_c (alt, '\\');
      g_string_append_c (alt, *p);
    }

  if (blobs != NULL)
    g_ptr_array_add (blobs, json_object_ref (image));

  return g_strdup_printf ("![%s](%s)", alt->str, name);
}

/* Leaflet image blocks, kept in the body as placeholders by the import, become Markdown
 * images of files in images/. */
static char *
rewrite_image_blocks (const char *body,
                      GPtrArray  *blobs)
{
  g_auto(GStrv) lines = g_strsplit (body, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = g_strv_length (lines);

  for (guint i = 0; i < n; i++)
    {
      const char *line = lines[i];
      gsize ticks = strspn (line, "`");

      if (ticks >= 3 && g_str_equal (line + ticks, "leaflet-block") && i + 2 < n &&
          strlen (lines[i + 2]) == ticks && strspn (lines[i + 2], "`") == ticks)
        {
          g_autofree char *image = image_block_markdown (lines[i + 1], blobs);

          if (image != NULL)
            {
              g_string_append (out, image);
              i += 2;
              if (i + 1 < n)
                g_string_append_c (out, '\n');
              continue;
            }
        }

      g_string_append (out, line);
      if (i + 1 < n)
        g_string_append_c (out, '\n');
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * byline_library_record_to_article:
 * @record: a record, `{uri, cid, value}` as getRecord gives it, or its value alone
 * @body: (out) (transfer full): the Markdown body
 * @blobs: (nullable) (element-type JsonObject): where the blobs of the body's images are
 *   added, to download
 * @error: return location for an error
 *
 * The article a pull makes of a record: the import's front matter and body (Markdown,
 * Leaflet blocks, else `textContent`), with the images of Leaflet blocks as Markdown images
 * of files in `images/` (byline_library_image_name()) and the cover as `images/cover.EXT`.
 *
 * Returns: (transfer full) (nullable): the metadata
 */
BylineMetadata *
byline_library_record_to_article (JsonObject  *record,
                                  char       **body,
                                  GPtrArray   *blobs,
                                  GError     **error)
{
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autofree char *imported = NULL;
  JsonObject *cover;

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  metadata = byline_record_to_metadata (record, &imported, error);
  if (metadata == NULL)
    return NULL;

  if (g_strcmp0 (byline_metadata_get_string (metadata, BYLINE_METADATA_FIELD_CONTENT_FORMAT),
                 "leaflet") == 0)
    *body = rewrite_image_blocks (imported, blobs);
  else
    *body = g_steal_pointer (&imported);

  cover = byline_metadata_get_cover_blob (metadata);
  if (cover != NULL && blob_cid (cover) != NULL)
    {
      g_autofree char *name = g_strdup_printf ("images/cover.%s",
                                               extension_for_mime (byline_json_object_get_string (cover,
                                                                                                  "mimeType")));

      byline_metadata_set_cover_image (metadata, name);
    }

  return g_steal_pointer (&metadata);
}

static void pull_next_blob (GTask *task);

static void
write_article_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  Pull *state = task_data;
  g_autoptr(GFile) images = g_file_get_child (state->folder, "images");
  g_autoptr(GFile) article = g_file_get_child (state->folder, state->name);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_make_directory_with_parents (state->folder, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  /* An article already there is the writer's: it is never replaced. */
  if (g_file_query_exists (article, cancellable))
    {
      g_autofree char *shown = g_file_get_parse_name (article);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               _("%s already exists; choose another folder."), shown);
      return;
    }

  if (state->blobs->len > 0 &&
      !g_file_make_directory (images, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  for (guint i = 0; i < state->blobs->len; i++)
    {
      JsonObject *blob = g_ptr_array_index (state->blobs, i);
      GBytes *bytes = g_ptr_array_index (state->data, i);
      g_autofree char *name = NULL;
      g_autoptr(GFile) file = NULL;

      if (i == 0 && state->has_cover)
        name = g_strdup_printf ("images/cover.%s",
                                extension_for_mime (byline_json_object_get_string (blob, "mimeType")));
      else
        name = byline_library_image_name (blob);
      file = g_file_resolve_relative_path (state->folder, name);
      if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    NULL, FALSE, G_FILE_CREATE_NONE, NULL, cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  stream = g_file_create (article, G_FILE_CREATE_NONE, cancellable, &error);
  if (stream == NULL ||
      !g_output_stream_write_all (G_OUTPUT_STREAM (stream), state->text, strlen (state->text),
                                  NULL, cancellable, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&article), g_object_unref);
}

static void
blob_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Pull *state = g_task_get_task_data (task);
  JsonObject *blob = g_ptr_array_index (state->blobs, state->data->len);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *cid = NULL;

  bytes = byline_xrpc_client_get_blob_finish (BYLINE_XRPC_CLIENT (object), result, &error);
  if (bytes == NULL)
    {
      g_task_return_prefixed_error (task, g_steal_pointer (&error), _("Could not download the image %s: "),
                                    blob_cid (blob));
      g_object_unref (task);
      return;
    }

  /* What arrived is the image the record names, or nothing is written. */
  cid = byline_cid_for_blob (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (g_strcmp0 (cid, blob_cid (blob)) != 0)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_INVALID_RESPONSE,
                               _("The server sent another file for the image %s."), blob_cid (blob));
      g_object_unref (task);
      return;
    }

  g_ptr_array_add (state->data, g_steal_pointer (&bytes));
  pull_next_blob (task);
}

static void
pull_next_blob (GTask *task)
{
  BylineLibrary *self = g_task_get_source_object (task);
  Pull *state = g_task_get_task_data (task);
  g_autofree char *did = NULL;

  if (state->data->len == state->blobs->len)
    {
      g_task_run_in_thread (task, write_article_thread);
      g_object_unref (task);
      return;
    }

  byline_xrpc_parse_at_uri (byline_json_object_get_string (state->answer, "uri"), &did, NULL, NULL);
  byline_xrpc_client_get_blob_async (self->client, did,
                                     blob_cid (g_ptr_array_index (state->blobs, state->data->len)),
                                     g_task_get_cancellable (task), blob_cb, task);
}

static void
pull_fetch_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Pull *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *body = NULL;
  g_autofree char *front_matter = NULL;
  g_autofree char *rkey = NULL;
  JsonObject *cover;

  state->answer = byline_library_fetch_finish (BYLINE_LIBRARY (object), result, &error);
  if (state->answer == NULL ||
      !(metadata = byline_library_record_to_article (state->answer, &body, images, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* The cover first, then each image of the body once. */
  cover = byline_metadata_get_cover_blob (metadata);
  if (cover != NULL && blob_cid (cover) != NULL)
    {
      g_ptr_array_add (state->blobs, json_object_ref (cover));
      state->has_cover = TRUE;
      byline_metadata_set_cover_blob (metadata, NULL);
    }
  for (guint i = 0; i < images->len; i++)
    {
      JsonObject *image = g_ptr_array_index (images, i);

      if (g_hash_table_add (seen, (gpointer) blob_cid (image)))
        g_ptr_array_add (state->blobs, json_object_ref (image));
    }

  byline_xrpc_parse_at_uri (state->uri, NULL, NULL, &rkey);
  state->name = byline_library_article_name (json_object_get_object_member (state->answer, "value"),
                                             rkey);
  front_matter = byline_front_matter_serialize (metadata);
  state->text = g_strconcat (front_matter, body, NULL);

  pull_next_blob (task);
}

/**
 * byline_library_pull_async:
 * @self: a library
 * @uri: the AT URI of a `site.standard.document` record
 * @folder: the article's folder, made if it does not exist
 * @cancellable: (nullable): a cancellable
 * @callback: called with the article's file
 * @user_data: data for @callback
 *
 * Makes an article of a published document: its record, its cover and the images of its
 * body downloaded into `images/` (each checked against its CID), the article named
 * from the record's path (byline_library_article_name()) and linked to the record by its
 * AT URI and CID in its front matter, so that publishing it replaces the record in place
 * unless it changed in between. An article already in @folder under that name is never
 * replaced (%G_IO_ERROR_EXISTS).
 */
void
byline_library_pull_async (BylineLibrary       *self,
                           const char          *uri,
                           GFile               *folder,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *collection = NULL;
  GTask *task;
  Pull *state;

  g_return_if_fail (BYLINE_IS_LIBRARY (self));
  g_return_if_fail (G_IS_FILE (folder));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_library_pull_async);
  state = g_new0 (Pull, 1);
  state->uri = g_strdup (uri);
  state->folder = g_object_ref (folder);
  state->blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  state->data = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_task_set_task_data (task, state, (GDestroyNotify) pull_free);

  if (!byline_xrpc_parse_at_uri (uri, NULL, &collection, NULL) ||
      g_strcmp0 (collection, BYLINE_DOCUMENT_COLLECTION) != 0)
    {
      g_task_return_new_error (task, BYLINE_XRPC_ERROR, BYLINE_XRPC_ERROR_FAILED,
                               _("“%s” is not the AT URI of a site.standard.document record."),
                               uri ? uri : "");
      g_object_unref (task);
      return;
    }

  byline_library_fetch_async (self, uri, cancellable, pull_fetch_cb, task);
}

/**
 * byline_library_pull_finish:
 *
 * Returns: (transfer full): the article's file
 */
GFile *
byline_library_pull_finish (BylineLibrary  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * byline_library_diff_article:
 * @text: the whole article, front matter and Markdown
 * @length: the length of @text
 * @base_dir: (nullable): the article's folder, where its cover and images are
 * @answer: the published record, `{uri, cid, value}`
 * @article_label: what the diff calls the article
 * @error: return location for an error
 *
 * Compares the record the article would publish with the published one, field by field,
 * then the body word by word against the body a pull of the record would give
 * (byline_record_diff_unified()).
 *
 * Returns: (transfer full) (nullable): the diff, empty when nothing differs
 */
char *
byline_library_diff_article (const char   *text,
                             gsize         length,
                             GFile        *base_dir,
                             JsonObject   *answer,
                             const char   *article_label,
                             GError      **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_problem_free);
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(BylineMetadata) theirs = NULL;
  g_autoptr(JsonNode) ours = NULL;
  g_autofree char *body = NULL;
  g_autofree char *their_body = NULL;
  g_autofree char *their_label = NULL;
  gsize offset = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (answer != NULL, NULL);

  metadata = byline_front_matter_parse (text, length, &offset, error);
  if (metadata == NULL)
    return NULL;
  theirs = byline_library_record_to_article (answer, &their_body, NULL, error);
  if (theirs == NULL)
    return NULL;

  body = g_strndup (text + offset, length - offset);
  ours = _byline_record_build_full (metadata, body, length - offset, base_dir,
                                    BYLINE_RECORD_EXPORT_DEFAULT, problems, NULL);
  their_label = g_strdup_printf ("%s %s", byline_json_object_get_string (answer, "uri"),
                                 byline_json_object_get_string (answer, "cid"));

  return byline_record_diff_unified (json_node_get_object (ours), body,
                                     json_object_get_object_member (answer, "value"), their_body,
                                     article_label, their_label);
}
