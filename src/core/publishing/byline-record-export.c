/* byline-record-export.c
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

#define G_LOG_DOMAIN "byline-record-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-cid.h"
#include "byline-front-matter.h"
#include "byline-json.h"
#include "byline-leaflet-private.h"
#include "byline-metadata-private.h"
#include "byline-plain-text.h"
#include "byline-read-problem.h"
#include "byline-record.h"
#include "byline-review.h"
#include "byline-validator.h"

/*
 * Article -> site.standard.document. The record's members are written with
 * `$type` first and the others in byte order, as in records published by other
 * tools (and the example record); nested objects Byline creates follow the
 * atproto conventions (`$type`, `ref`, `mimeType`, `size` for blobs), nested
 * objects kept from an import keep their order.
 */

G_DEFINE_QUARK (byline-record-error-quark, byline_record_error)

static void
add_problem (GPtrArray  *problems,
             const char *field,
             const char *message)
{
  g_ptr_array_add (problems, byline_problem_new (field, -1, BYLINE_PROBLEM_ERROR, message));
}

/**
 * byline_record_slugify:
 * @title: (nullable): a title
 *
 * Makes a readable ASCII path from a title: accents transliterated, words
 * lower-cased and joined by `-`, apostrophes dropped
 * (`Why Beijing Is Betting Big on AI` -> `/why-beijing-is-betting-big-on-ai`).
 *
 * Returns: (transfer full) (nullable): the path, or %NULL if there is no title or no
 *   ASCII letter or digit is left
 */
char *
byline_record_slugify (const char *title)
{
  g_autofree char *ascii = NULL;
  GString *slug;
  gboolean dash = FALSE;

  if (title == NULL)
    return NULL;

  ascii = g_str_to_ascii (title, "C");
  slug = g_string_new ("/");

  for (const char *p = ascii; *p != 0; p++)
    {
      if (*p == '\'')
        continue;
      if (g_ascii_isalnum (*p))
        {
          if (dash && slug->len > 1)
            g_string_append_c (slug, '-');
          g_string_append_c (slug, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }

  if (slug->len == 1)
    {
      g_string_free (slug, TRUE);
      return NULL;
    }

  return g_string_free (slug, FALSE);
}

static void
set_string (JsonObject *record,
            const char *member,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (record, member, value);
}

static void
set_datetime (JsonObject     *record,
              JsonObject     *kept,
              BylineMetadata *metadata,
              BylineMetadataField field,
              const char     *member)
{
  const char *value = byline_metadata_get_string (metadata, field);
  g_autofree char *normal = NULL;
  const char *original;

  if (value == NULL)
    return;

  normal = byline_validator_normalize_datetime (value);
  if (normal == NULL)
    {
      /* Left as written: validation names it. */
      json_object_set_string_member (record, member, value);
      return;
    }

  /* An imported record's own spelling of the same instant is kept (lossless). */
  original = byline_json_object_get_string (kept, member);
  if (original != NULL)
    {
      g_autofree char *original_normal = byline_validator_normalize_datetime (original);

      if (g_strcmp0 (original_normal, normal) == 0 && byline_validator_is_datetime (original))
        {
          json_object_set_string_member (record, member, original);
          return;
        }
    }

  json_object_set_string_member (record, member, normal);
}

static void
set_path (JsonObject     *record,
          JsonObject     *kept,
          BylineMetadata *metadata)
{
  const char *path = byline_metadata_get_path (metadata);
  const char *title = byline_metadata_get_title (metadata);

  if (path != NULL)
    {
      /* Static-site slugs are written without the leading slash. */
      if (path[0] != '/' &&
          g_strcmp0 (_byline_metadata_get_key_name (metadata, BYLINE_METADATA_FIELD_PATH), "slug") == 0)
        {
          g_autofree char *with_slash = g_strconcat ("/", path, NULL);
          json_object_set_string_member (record, "path", with_slash);
        }
      else
        json_object_set_string_member (record, "path", path);
    }
  /* Not for a record imported without a path (`path: null` among its record fields). */
  else if (title != NULL && (kept == NULL || !json_object_has_member (kept, "path")))
    {
      g_autofree char *slug = byline_record_slugify (title);

      set_string (record, "path", slug);
    }
}

static JsonObject *
make_blob (const char *cid,
           const char *mime_type,
           gsize       size)
{
  JsonObject *blob = json_object_new ();
  JsonObject *ref = json_object_new ();

  json_object_set_string_member (ref, "$link", cid);
  json_object_set_string_member (blob, "$type", "blob");
  json_object_set_object_member (blob, "ref", ref);
  json_object_set_string_member (blob, "mimeType", mime_type);
  json_object_set_int_member (blob, "size", size);

  return blob;
}

static void
set_cover (JsonObject     *record,
           BylineMetadata *metadata,
           GFile          *base_dir,
           GPtrArray      *problems)
{
  const char *name = byline_metadata_get_cover_image (metadata);
  JsonObject *kept_blob = byline_metadata_get_cover_blob (metadata);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *cid = NULL;

  if (name == NULL)
    {
      if (kept_blob != NULL)
        {
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), kept_blob);

          json_object_set_member (record, "coverImage", json_node_copy (node));
        }
      return;
    }

  if (!(file = byline_validator_resolve_cover (problems, name, base_dir)))
    return;

  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL)
    {
      g_autofree char *message = byline_read_problem_describe (name, error);

      add_problem (problems, "coverImage", message);
      return;
    }

  mime_type = byline_validator_check_cover (problems, name, bytes);
  if (mime_type == NULL)
    return;

  cid = byline_cid_for_blob (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  json_object_set_object_member (record, "coverImage",
                                 make_blob (cid, mime_type, g_bytes_get_size (bytes)));
}

gboolean
_byline_record_find_markdown (JsonObject  *content,
                              JsonObject **holder,
                              const char **member)
{
  static const char * const members[] = { "markdown", "text", "rawMarkdown", "content" };
  const char *type = byline_json_object_get_string (content, "$type");
  JsonNode *text;

  if (g_strcmp0 (type, BYLINE_MARKPUB_TYPE) != 0 && g_strcmp0 (type, BYLINE_STANDARD_MD_TYPE) != 0)
    return FALSE;

  /* at.markpub.markdown: text.markdown; older shapes: text as a string, rawMarkdown. */
  text = json_object_get_member (content, "text");
  if (text != NULL && JSON_NODE_HOLDS_OBJECT (text) &&
      byline_json_object_get_string (json_node_get_object (text), "markdown") != NULL)
    {
      *holder = json_node_get_object (text);
      *member = "markdown";
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (byline_json_object_get_string (content, members[i]) != NULL)
      {
        *holder = content;
        *member = members[i];
        return TRUE;
      }

  return FALSE;
}

static JsonObject *
make_markdown_content (const char *body,
                       gsize       body_length)
{
  JsonObject *content = json_object_new ();
  JsonObject *text = json_object_new ();
  g_autofree char *markdown = g_strndup (body, body_length);

  json_object_set_string_member (text, "$type", "at.markpub.text");
  json_object_set_string_member (text, "markdown", markdown);
  json_object_set_string_member (content, "$type", BYLINE_MARKPUB_TYPE);
  json_object_set_string_member (content, "flavor", "gfm");
  json_object_set_object_member (content, "text", text);

  return content;
}

/**
 * byline_record_parse_content_format:
 * @name: `markdown`, `leaflet` or `none`
 * @valid: (out) (optional): whether @name is one of them
 *
 * Returns: the export flag that writes `content` in that format
 */
BylineRecordExportFlags
byline_record_parse_content_format (const char *name,
                                    gboolean   *valid)
{
  gboolean known = TRUE;
  BylineRecordExportFlags flags = BYLINE_RECORD_EXPORT_DEFAULT;

  if (g_strcmp0 (name, "markdown") == 0)
    flags = BYLINE_RECORD_EXPORT_MARKDOWN;
  else if (g_strcmp0 (name, "leaflet") == 0)
    flags = BYLINE_RECORD_EXPORT_LEAFLET;
  else if (g_strcmp0 (name, "none") == 0)
    flags = BYLINE_RECORD_EXPORT_OMIT_CONTENT;
  else
    known = FALSE;

  if (valid != NULL)
    *valid = known;
  return flags;
}

/* The content format chosen by @flags, else by the article; DEFAULT when neither chose. */
static BylineRecordExportFlags
content_format (BylineMetadata          *metadata,
                BylineRecordExportFlags  flags)
{
  if (flags & BYLINE_RECORD_EXPORT_OMIT_CONTENT)
    return BYLINE_RECORD_EXPORT_OMIT_CONTENT;
  if (flags & BYLINE_RECORD_EXPORT_LEAFLET)
    return BYLINE_RECORD_EXPORT_LEAFLET;
  if (flags & BYLINE_RECORD_EXPORT_MARKDOWN)
    return BYLINE_RECORD_EXPORT_MARKDOWN;

  return byline_record_parse_content_format (
    byline_metadata_get_string (metadata, BYLINE_METADATA_FIELD_CONTENT_FORMAT), NULL);
}

static gboolean
same_text (const char *a,
           gsize       a_length,
           const char *b)
{
  gsize b_length = strlen (b);

  while (a_length > 0 && g_ascii_isspace (a[a_length - 1]))
    a_length--;
  while (b_length > 0 && g_ascii_isspace (b[b_length - 1]))
    b_length--;

  return a_length == b_length && memcmp (a, b, a_length) == 0;
}

/**
 * byline_record_check_content:
 * @metadata: the article's metadata
 * @body: the body, without front matter
 * @body_length: its length in bytes
 * @flags: #BylineRecordExportFlags: a content format chosen for this export, if any
 * @error: return location for a #GError
 *
 * An imported record whose `content` Byline cannot write (pckt, Offprint, anything it
 * does not know) keeps that content as it was; its body is the record's `textContent`.
 * Once the body is edited, the two say different things, and readers that render
 * `content` would never see the edit: unless a content format is chosen (by @flags or
 * the article's `contentFormat`), export and publish refuse.
 *
 * Returns: %FALSE with %BYLINE_RECORD_ERROR_UNWRITABLE_CONTENT in that case
 */
gboolean
byline_record_check_content (BylineMetadata          *metadata,
                             const char              *body,
                             gsize                    body_length,
                             BylineRecordExportFlags  flags,
                             GError                 **error)
{
  JsonObject *kept = byline_metadata_get_record_fields (metadata);
  JsonNode *content = kept ? json_object_get_member (kept, "content") : NULL;
  const char *imported = kept ? byline_json_object_get_string (kept, "textContent") : NULL;
  const char *type = NULL;
  JsonObject *holder;
  const char *member;

  g_return_val_if_fail (BYLINE_IS_METADATA (metadata), FALSE);

  if (content_format (metadata, flags) != BYLINE_RECORD_EXPORT_DEFAULT ||
      content == NULL || JSON_NODE_HOLDS_NULL (content) || imported == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_OBJECT (content))
    {
      if (_byline_record_find_markdown (json_node_get_object (content), &holder, &member))
        return TRUE;
      type = byline_json_object_get_string (json_node_get_object (content), "$type");
    }
  if (same_text (body, body_length, imported))
    return TRUE;

  g_set_error (error, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_UNWRITABLE_CONTENT,
               _("The body was edited, but the record’s content is “%s”, which Byline cannot "
                 "write: readers would not see the edit. Choose a content format: markdown, "
                 "leaflet or none (contentFormat in the front matter, or --content-format)"),
               type ? type : _("unknown"));
  return FALSE;
}

/* The body's images, for Leaflet image blocks: read from the article's folder. */
typedef struct
{
  GFile     *base_dir;
  GPtrArray *problems;
  GPtrArray *files;
} ImageLookup;

static JsonObject *
find_image_cb (const char *url,
               gpointer    user_data)
{
  ImageLookup *lookup = user_data;
  g_autofree char *scheme = g_uri_parse_scheme (url);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *cid = NULL;
  JsonObject *found, *aspect;
  const guint8 *data;
  gsize size;
  guint width, height;

  /* A web address stays a link to the image: there is no file to upload. */
  if (scheme != NULL && g_ascii_strcasecmp (scheme, "file") != 0)
    return NULL;
  if (scheme != NULL)
    file = g_file_new_for_uri (url);
  else
    {
      path = g_uri_unescape_string (url, NULL);
      if (path == NULL)
        path = g_strdup (url);
      if (g_path_is_absolute (path))
        file = g_file_new_for_path (path);
      else if (lookup->base_dir != NULL)
        file = g_file_resolve_relative_path (lookup->base_dir, path);
      else
        return NULL;
    }

  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("cannot read the image “%s”: %s"), url, error->message);

      add_problem (lookup->problems, "content", message);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &size);
  if (size > BYLINE_LEAFLET_IMAGE_MAX_SIZE)
    {
      g_autofree char *message =
        g_strdup_printf (_("the image “%s” has %" G_GSIZE_FORMAT " bytes; an image block holds at most 1000000"),
                         url, size);

      add_problem (lookup->problems, "content", message);
      return NULL;
    }

  content_type = g_content_type_guess (url, data, size, NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  if (mime_type == NULL || !g_str_has_prefix (mime_type, "image/") ||
      !_byline_image_size (data, size, &width, &height))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not an image Byline can read"), url);

      add_problem (lookup->problems, "content", message);
      return NULL;
    }

  cid = byline_cid_for_blob (data, size);
  found = json_object_new ();
  aspect = json_object_new ();
  json_object_set_int_member (aspect, "width", width);
  json_object_set_int_member (aspect, "height", height);
  json_object_set_object_member (found, "image", make_blob (cid, mime_type, size));
  json_object_set_object_member (found, "aspectRatio", aspect);

  if (lookup->files != NULL)
    g_ptr_array_add (lookup->files, g_object_ref (file));

  return found;
}

static void
set_content (JsonObject              *record,
             JsonObject              *kept,
             const char              *body,
             gsize                    body_length,
             BylineRecordExportFlags  format,
             ImageLookup             *lookup)
{
  JsonNode *kept_content = kept ? json_object_get_member (kept, "content") : NULL;
  JsonObject *kept_object = kept_content && JSON_NODE_HOLDS_OBJECT (kept_content) ?
                            json_node_get_object (kept_content) : NULL;

  if (format == BYLINE_RECORD_EXPORT_LEAFLET)
    {
      /* Blocks that did not change are written as the imported record has them. */
      JsonObject *original =
        kept_object && g_strcmp0 (byline_json_object_get_string (kept_object, "$type"), BYLINE_LEAFLET_TYPE) == 0 ?
          kept_object : NULL;

      json_object_set_object_member (record, "content",
                                     byline_leaflet_from_markdown_full (body, body_length, original,
                                                                        find_image_cb, lookup));
      return;
    }

  /* The record this article came from had no content: neither does its export. */
  if (format == BYLINE_RECORD_EXPORT_DEFAULT && kept_content != NULL && JSON_NODE_HOLDS_NULL (kept_content))
    return;

  if (kept_object != NULL)
    {
      g_autoptr(JsonNode) copy = json_node_copy (kept_content);
      JsonObject *holder;
      const char *member;

      /* A Markdown shape Byline reads gets the current body; any other content
       * type is kept exactly as imported (byline_record_check_content() guards
       * against an edit that would never reach readers), unless a format is chosen. */
      if (_byline_record_find_markdown (json_node_get_object (copy), &holder, &member))
        {
          g_autofree char *markdown = g_strndup (body, body_length);

          json_object_set_string_member (holder, member, markdown);
          json_object_set_member (record, "content", g_steal_pointer (&copy));
          return;
        }
      if (format == BYLINE_RECORD_EXPORT_DEFAULT)
        {
          json_object_set_member (record, "content", g_steal_pointer (&copy));
          return;
        }
    }
  else if (kept_content != NULL && format == BYLINE_RECORD_EXPORT_DEFAULT && !JSON_NODE_HOLDS_NULL (kept_content))
    {
      json_object_set_member (record, "content", json_node_copy (kept_content));
      return;
    }

  json_object_set_object_member (record, "content", make_markdown_content (body, body_length));
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static JsonNode *
sort_members (JsonObject *record)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(JsonObject) sorted = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, record);
  while (json_object_iter_next (&iter, &name, &member))
    if (strcmp (name, "$type") != 0)
      g_ptr_array_add (names, (gpointer)name);
  g_ptr_array_sort (names, compare_members);

  json_object_set_string_member (sorted, "$type", BYLINE_RECORD_TYPE);
  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);

      json_object_set_member (sorted, n, json_node_ref (json_object_get_member (record, n)));
    }

  return json_node_init_object (json_node_alloc (), sorted);
}

/* `contributors:` in the front matter, each with a did and an optional role and displayName,
 * as the lexicon has them; it replaces contributors kept from an import. */
static void
set_contributors (JsonObject     *record,
                  BylineMetadata *metadata,
                  GPtrArray      *problems)
{
  const BylineYamlNode *node = _byline_metadata_get_extra_node (metadata, "contributors");
  g_autoptr(JsonNode) json = NULL;
  JsonArray *array;
  g_autoptr(GRegex) did = NULL;

  if (node == NULL)
    return;

  json = _byline_yaml_node_to_json (node, NULL);
  if (json == NULL || !JSON_NODE_HOLDS_ARRAY (json))
    {
      add_problem (problems, "contributors", _("Contributors are a list, each with a did"));
      return;
    }

  did = g_regex_new ("^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$", 0, 0, NULL);
  array = json_node_get_array (json);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *value = object ? json_object_get_string_member_with_default (object, "did", NULL) : NULL;

      if (value == NULL || !g_regex_match (did, value, 0, NULL))
        {
          g_ptr_array_add (problems, byline_problem_new ("contributors", (int)i, BYLINE_PROBLEM_ERROR,
                                                         _("A contributor needs a did, such as did:plc:…")));
          continue;
        }
      for (guint k = 0; k < 2; k++)
        {
          const char *member = k == 0 ? "role" : "displayName";
          JsonNode *text = json_object_get_member (object, member);

          if (text == NULL)
            continue;
          if (!JSON_NODE_HOLDS_VALUE (text) || json_node_get_value_type (text) != G_TYPE_STRING)
            g_ptr_array_add (problems, byline_problem_new ("contributors", (int)i, BYLINE_PROBLEM_ERROR,
                                                           _("A contributor’s role and displayName are text")));
          else
            byline_validator_check_string (problems, "contributors", (int)i,
                                           json_node_get_string (text), 1000, 100);
        }
    }

  json_object_set_member (record, "contributors", g_steal_pointer (&json));
}

/* `labels:` in the front matter, a list of the author's own labels (content warnings such as
 * "nudity"), as com.atproto.label.defs#selfLabels; it replaces labels kept from an import. */
static void
set_labels (JsonObject     *record,
            BylineMetadata *metadata,
            GPtrArray      *problems)
{
  const BylineYamlNode *node = _byline_metadata_get_extra_node (metadata, "labels");
  JsonObject *labels;
  JsonArray *values;

  if (node == NULL)
    return;

  if (node->kind != BYLINE_YAML_SEQUENCE || node->children == NULL)
    {
      add_problem (problems, "labels", _("Labels are a list of words, such as [nudity]"));
      return;
    }
  if (node->children->len > 10)
    {
      add_problem (problems, "labels", _("A record holds at most 10 labels"));
      return;
    }

  values = json_array_new ();
  for (guint i = 0; i < node->children->len; i++)
    {
      const BylineYamlNode *item = g_ptr_array_index (node->children, i);
      JsonObject *label;

      if (item->kind != BYLINE_YAML_SCALAR || item->value[0] == '\0')
        {
          g_ptr_array_add (problems, byline_problem_new ("labels", (int)i, BYLINE_PROBLEM_ERROR,
                                                         _("A label is a word")));
          continue;
        }
      byline_validator_check_string (problems, "labels", (int)i, item->value, 128, 128);
      label = json_object_new ();
      json_object_set_string_member (label, "val", item->value);
      json_array_add_object_element (values, label);
    }

  labels = json_object_new ();
  json_object_set_string_member (labels, "$type", "com.atproto.label.defs#selfLabels");
  json_object_set_array_member (labels, "values", values);
  json_object_set_object_member (record, "labels", labels);
}

/**
 * byline_record_build:
 * @metadata: the article's metadata
 * @body: the Markdown body, without front matter
 * @body_length: the length of @body in bytes
 * @base_dir: (nullable): the article's folder, to find the cover image
 * @flags: #BylineRecordExportFlags
 * @problems: (element-type BylineProblem): where problems met on the way are added
 *   (an unreadable cover, a cover that is not an image)
 *
 * Builds the record without validating it: `path` derived from the title when
 * empty, datetimes normalised, `textContent` as plain text of the body,
 * `content` as `at.markpub.markdown`, the cover image as a blob computed from the
 * file, and the fields kept from an import (`recordFields`) put back.
 *
 * Returns: (transfer full): the record
 */
JsonNode *
byline_record_build (BylineMetadata          *metadata,
                     const char              *body,
                     gsize                    body_length,
                     GFile                   *base_dir,
                     BylineRecordExportFlags  flags,
                     GPtrArray               *problems)
{
  return _byline_record_build_full (metadata, body, body_length, base_dir, flags, problems, NULL);
}

/* byline_record_build(), also listing in @image_files (nullable) the files of the images
 * the content refers to as blobs: what publishing must upload. */
JsonNode *
_byline_record_build_full (BylineMetadata          *metadata,
                           const char              *body,
                           gsize                    body_length,
                           GFile                   *base_dir,
                           BylineRecordExportFlags  flags,
                           GPtrArray               *problems,
                           GPtrArray               *image_files)
{
  ImageLookup lookup = { base_dir, problems, image_files };
  g_autoptr(JsonObject) record = json_object_new ();
  JsonObject *kept = byline_metadata_get_record_fields (metadata);
  const char * const *tags = byline_metadata_get_tags (metadata);
  const char *uri, *cid;
  g_autofree char *text = NULL;
  g_autoptr(GError) content_error = NULL;
  BylineRecordExportFlags format;
  gboolean valid_format = TRUE;

  g_return_val_if_fail (BYLINE_IS_METADATA (metadata), NULL);
  g_return_val_if_fail (body != NULL || body_length == 0, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  /* Fields kept from an import first, so that Byline's own values replace them. */
  if (kept != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, kept);
      while (json_object_iter_next (&iter, &name, &member))
        if (strcmp (name, "content") != 0 && strcmp (name, "publishedAt") != 0 &&
            strcmp (name, "updatedAt") != 0 && strcmp (name, "$type") != 0 &&
            strcmp (name, "textContent") != 0 &&
            !(strcmp (name, "path") == 0 && JSON_NODE_HOLDS_NULL (member)))
          json_object_set_member (record, name, json_node_copy (member));
    }

  json_object_set_string_member (record, "$type", BYLINE_RECORD_TYPE);
  set_string (record, "site", byline_metadata_get_site (metadata));
  set_string (record, "title", byline_metadata_get_title (metadata));
  set_string (record, "description", byline_metadata_get_description (metadata));
  set_path (record, kept, metadata);
  set_datetime (record, kept, metadata, BYLINE_METADATA_FIELD_PUBLISHED_AT, "publishedAt");
  set_datetime (record, kept, metadata, BYLINE_METADATA_FIELD_UPDATED_AT, "updatedAt");

  if (tags != NULL)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; tags[i] != NULL; i++)
        json_array_add_string_element (array, tags[i]);
      json_object_set_array_member (record, "tags", array);
    }

  set_cover (record, metadata, base_dir, problems);
  set_contributors (record, metadata, problems);
  set_labels (record, metadata, problems);

  uri = byline_metadata_get_bsky_post_uri (metadata);
  cid = byline_metadata_get_bsky_post_cid (metadata);
  if (uri != NULL || cid != NULL)
    {
      JsonObject *ref = json_object_new ();

      set_string (ref, "cid", cid);
      set_string (ref, "uri", uri);
      json_object_set_object_member (record, "bskyPostRef", ref);
    }

  /* An empty body has no text content at all. */
  text = byline_plain_text_from_markdown (body, body_length);
  if (text[0] != 0)
    json_object_set_string_member (record, "textContent", text);

  format = content_format (metadata, flags);
  if (format != BYLINE_RECORD_EXPORT_OMIT_CONTENT)
    set_content (record, kept, body, body_length, format, &lookup);

  if (byline_metadata_get_string (metadata, BYLINE_METADATA_FIELD_CONTENT_FORMAT) != NULL &&
      byline_record_parse_content_format (byline_metadata_get_string (metadata, BYLINE_METADATA_FIELD_CONTENT_FORMAT),
                                          &valid_format) == BYLINE_RECORD_EXPORT_DEFAULT && !valid_format)
    add_problem (problems, "contentFormat", _("must be markdown, leaflet or none"));

  if (!byline_record_check_content (metadata, body, body_length, flags, &content_error))
    add_problem (problems, "content", content_error->message);

  return sort_members (record);
}

/**
 * byline_record_export:
 * @text: the article: front matter and Markdown
 * @length: the length of @text in bytes
 * @base_dir: (nullable): the article's folder, to find the cover image
 * @flags: #BylineRecordExportFlags
 * @problems: (out) (optional) (transfer full) (element-type BylineProblem): every
 *   problem found, errors and warnings
 * @json_length: (out) (optional): the length of the result
 * @error: return location for a #GError
 *
 * Parses, builds, validates and writes the record as deterministic JSON (the same
 * article gives the same bytes).
 *
 * Returns: (transfer full) (nullable): the record's JSON, or %NULL when the front
 *   matter is malformed (%BYLINE_FRONT_MATTER_ERROR), a problem is an error
 *   (%BYLINE_RECORD_ERROR_INVALID) or suggestions or comments are left
 *   (%BYLINE_REVIEW_ERROR_UNRESOLVED)
 */
char *
byline_record_export (const char               *text,
                      gsize                     length,
                      GFile                    *base_dir,
                      BylineRecordExportFlags   flags,
                      GPtrArray               **problems,
                      gsize                    *json_length,
                      GError                  **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify)byline_problem_free);
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(JsonNode) record = NULL;
  g_autofree char *json = NULL;
  const char *invalid = NULL;
  gsize body = 0;
  gsize len = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = NULL;

  if (!g_utf8_validate_len (text, length, &invalid))
    {
      g_set_error (error, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_ENCODING,
                   _("The article is not valid UTF-8 (byte %" G_GSIZE_FORMAT ")"),
                   (gsize)(invalid - text));
      return NULL;
    }

  /* Suggestions and comments stay in the draft. */
  if (!byline_review_check (text, length, error))
    return NULL;

  metadata = byline_front_matter_parse (text, length, &body, error);
  if (metadata == NULL)
    return NULL;

  record = byline_record_build (metadata, text + body, length - body, base_dir, flags, found);
  json = byline_json_to_string (record, TRUE, &len);
  byline_validator_check_record (found, json_node_get_object (record), len);

  if (problems != NULL)
    *problems = g_ptr_array_ref (found);

  if (byline_problems_have_errors (found))
    {
      const BylineProblem *first = NULL;
      guint n_errors = 0;

      for (guint i = 0; i < found->len; i++)
        {
          const BylineProblem *problem = g_ptr_array_index (found, i);

          if (problem->severity != BYLINE_PROBLEM_ERROR)
            continue;
          if (first == NULL)
            first = problem;
          n_errors++;
        }

      if (n_errors == 1)
        g_set_error (error, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_INVALID,
                     _("The record is invalid: %s: %s"), first->field, first->message);
      else
        g_set_error (error, BYLINE_RECORD_ERROR, BYLINE_RECORD_ERROR_INVALID,
                     _("The record is invalid (%u problems), first: %s: %s"),
                     n_errors, first->field, first->message);
      return NULL;
    }

  if (json_length != NULL)
    *json_length = len;

  return g_steal_pointer (&json);
}
