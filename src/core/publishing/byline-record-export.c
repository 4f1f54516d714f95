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
#include "byline-metadata-private.h"
#include "byline-plain-text.h"
#include "byline-read-problem.h"
#include "byline-record.h"
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

static void
set_content (JsonObject     *record,
             JsonObject     *kept,
             const char     *body,
             gsize           body_length)
{
  JsonNode *kept_content = kept ? json_object_get_member (kept, "content") : NULL;

  /* The record this article came from had no content: neither does its export. */
  if (kept_content != NULL && JSON_NODE_HOLDS_NULL (kept_content))
    return;

  if (kept_content != NULL)
    {
      g_autoptr(JsonNode) copy = json_node_copy (kept_content);
      JsonObject *holder;
      const char *member;

      /* A Markdown shape Byline reads gets the current body; any other content
       * type (Leaflet blocks, ...) is kept exactly as imported. */
      if (JSON_NODE_HOLDS_OBJECT (copy) &&
          _byline_record_find_markdown (json_node_get_object (copy), &holder, &member))
        {
          g_autofree char *markdown = g_strndup (body, body_length);

          json_object_set_string_member (holder, member, markdown);
        }
      json_object_set_member (record, "content", g_steal_pointer (&copy));
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
  g_autoptr(JsonObject) record = json_object_new ();
  JsonObject *kept = byline_metadata_get_record_fields (metadata);
  const char * const *tags = byline_metadata_get_tags (metadata);
  const char *uri, *cid;
  g_autofree char *text = NULL;

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

  if (!(flags & BYLINE_RECORD_EXPORT_OMIT_CONTENT))
    set_content (record, kept, body, body_length);

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
 *   matter is malformed (%BYLINE_FRONT_MATTER_ERROR) or a problem is an error
 *   (%BYLINE_RECORD_ERROR_INVALID)
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
