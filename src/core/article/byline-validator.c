/* byline-validator.c
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

#define G_LOG_DOMAIN "byline-validator"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <pango/pango.h>

#include "byline-json.h"
#include "byline-validator.h"

G_DEFINE_BOXED_TYPE (BylineProblem, byline_problem, byline_problem_copy, byline_problem_free)

/**
 * byline_problem_new:
 * @field: the front-matter key at fault
 * @index: the position in a list field, or -1
 * @severity: a #BylineProblemSeverity
 * @message: the message
 *
 * Returns: (transfer full): a new #BylineProblem
 */
BylineProblem *
byline_problem_new (const char            *field,
                    int                    index,
                    BylineProblemSeverity  severity,
                    const char            *message)
{
  BylineProblem *problem = g_new0 (BylineProblem, 1);

  problem->field = g_strdup (field);
  problem->index = index;
  problem->severity = severity;
  problem->message = g_strdup (message);

  return problem;
}

/**
 * byline_problem_copy:
 * @problem: a #BylineProblem
 *
 * Returns: (transfer full): a copy of @problem
 */
BylineProblem *
byline_problem_copy (const BylineProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  return byline_problem_new (problem->field, problem->index, problem->severity, problem->message);
}

/**
 * byline_problem_free:
 * @problem: (nullable): a #BylineProblem
 */
void
byline_problem_free (BylineProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

/**
 * byline_problem_to_string:
 * @problem: a #BylineProblem
 *
 * Returns: (transfer full): one line: `error: title: …` or `warning: …`
 */
char *
byline_problem_to_string (const BylineProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->index >= 0)
    return g_strdup_printf ("%s: %s[%d]: %s",
                            problem->severity == BYLINE_PROBLEM_ERROR ? "error" : "warning",
                            problem->field, problem->index, problem->message);

  return g_strdup_printf ("%s: %s: %s",
                          problem->severity == BYLINE_PROBLEM_ERROR ? "error" : "warning",
                          problem->field, problem->message);
}

/**
 * byline_problems_have_errors:
 * @problems: (element-type BylineProblem) (nullable): problems
 *
 * Returns: %TRUE if any problem is an error
 */
gboolean
byline_problems_have_errors (GPtrArray *problems)
{
  if (problems == NULL)
    return FALSE;

  for (guint i = 0; i < problems->len; i++)
    if (((BylineProblem *)g_ptr_array_index (problems, i))->severity == BYLINE_PROBLEM_ERROR)
      return TRUE;

  return FALSE;
}

static void
add_problem (GPtrArray   *problems,
             const char  *field,
             int          index,
             const char  *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (GPtrArray  *problems,
             const char *field,
             int         index,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems, byline_problem_new (field, index, BYLINE_PROBLEM_ERROR, message));
}

/**
 * byline_validator_count_graphemes:
 * @text: UTF-8 text
 * @length: the length in bytes, or -1 if nul-terminated
 *
 * Counts grapheme clusters (what `maxGraphemes` limits) with Pango's cursor
 * positions: an emoji ZWJ family or a letter with combining marks is one.
 *
 * Returns: the number of graphemes in @text
 */
gsize
byline_validator_count_graphemes (const char *text,
                                  gssize      length)
{
  g_autofree PangoLogAttr *attrs = NULL;
  glong n_chars;
  gsize count = 0;

  g_return_val_if_fail (text != NULL, 0);

  if (length < 0)
    length = strlen (text);
  n_chars = g_utf8_strlen (text, length);
  if (n_chars == 0)
    return 0;

  attrs = g_new0 (PangoLogAttr, n_chars + 1);
  pango_get_log_attrs (text, length, -1, pango_language_from_string ("en"), attrs, n_chars + 1);

  for (glong i = 1; i <= n_chars; i++)
    if (attrs[i].is_cursor_position)
      count++;

  return count;
}

static gboolean
digits (const char *s,
        guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;

  return TRUE;
}

/**
 * byline_validator_is_datetime:
 * @value: a string
 *
 * Checks the lexicon's `datetime` format as the PDS does: RFC 3339 with an
 * upper-case `T`, seconds, optional fractional seconds and a time zone (`Z` or
 * `±hh:mm`, never `-00:00`).
 *
 * Returns: %TRUE if @value is a valid datetime
 */
gboolean
byline_validator_is_datetime (const char *value)
{
  g_autoptr(GDateTime) dt = NULL;
  const char *p;

  g_return_val_if_fail (value != NULL, FALSE);

  if (strlen (value) < 20 || !digits (value, 4) || value[4] != '-' || !digits (value + 5, 2) ||
      value[7] != '-' || !digits (value + 8, 2) || value[10] != 'T' || !digits (value + 11, 2) ||
      value[13] != ':' || !digits (value + 14, 2) || value[16] != ':' || !digits (value + 17, 2))
    return FALSE;

  p = value + 19;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  if (strcmp (p, "Z") != 0)
    {
      if ((p[0] != '+' && p[0] != '-') || !digits (p + 1, 2) || p[3] != ':' || !digits (p + 4, 2) ||
          p[6] != 0 || strcmp (p, "-00:00") == 0)
        return FALSE;
    }

  dt = g_date_time_new_from_iso8601 (value, NULL);
  return dt != NULL;
}

/**
 * byline_validator_normalize_datetime:
 * @value: a date, or a date and time, as people and static-site generators write them
 *
 * Accepts RFC 3339 and ISO 8601 forms (`2024-01-05`, `2024-01-05 10:00:00 +01:00`,
 * `2024-01-05T10:00:00`, assumed UTC without a zone) and writes the record's form.
 *
 * Returns: (transfer full) (nullable): `YYYY-MM-DDTHH:MM:SS.sssZ` in UTC, or %NULL
 *   if @value is not a date
 */
char *
byline_validator_normalize_datetime (const char *value)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) dt_utc = NULL;
  g_autoptr(GString) s = NULL;

  g_return_val_if_fail (value != NULL, NULL);

  s = g_string_new (value);
  g_strstrip (s->str);
  g_string_set_size (s, strlen (s->str));

  if (s->len == 10)
    g_string_append (s, "T00:00:00");
  if (s->len > 10 && (s->str[10] == ' ' || s->str[10] == 't'))
    s->str[10] = 'T';
  /* "10:00:00 +01:00": YAML timestamps allow a space before the zone. */
  if (s->len > 19 && strchr (s->str + 19, ' ') != NULL)
    {
      char *space = strchr (s->str + 19, ' ');
      g_string_erase (s, space - s->str, 1);
    }
  if (s->len > 0 && s->str[s->len - 1] == 'z')
    s->str[s->len - 1] = 'Z';

  dt = g_date_time_new_from_iso8601 (s->str, utc);
  if (dt == NULL)
    return NULL;

  /* Not g_date_time_format(): its %Y writes year 506 as "506", which is no datetime. */
  dt_utc = g_date_time_to_utc (dt);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          g_date_time_get_year (dt_utc), g_date_time_get_month (dt_utc),
                          g_date_time_get_day_of_month (dt_utc), g_date_time_get_hour (dt_utc),
                          g_date_time_get_minute (dt_utc), g_date_time_get_second (dt_utc),
                          g_date_time_get_microsecond (dt_utc) / 1000);
}

/* How a field is named in messages: “The title has 501 characters; …”. */
static char *
field_label (const char *field,
             int         index,
             const char *value)
{
  if (g_strcmp0 (field, "title") == 0)
    return g_strdup (_("The title"));
  if (g_strcmp0 (field, "description") == 0)
    return g_strdup (_("The description"));
  if (g_strcmp0 (field, "site") == 0)
    return g_strdup (_("The site"));
  if (g_strcmp0 (field, "path") == 0)
    return g_strdup (_("The path"));
  if (g_strcmp0 (field, "publishedAt") == 0)
    return g_strdup (_("The publication date"));
  if (g_strcmp0 (field, "updatedAt") == 0)
    return g_strdup (_("The update date"));
  if (g_strcmp0 (field, "bskyPostRef.uri") == 0)
    return g_strdup (_("The Bluesky post"));
  if (g_strcmp0 (field, "tags") == 0 && value != NULL)
    {
      /* Long tags are shortened in the message, not in the record. */
      g_autofree char *shown = g_utf8_strlen (value, -1) > 24 ?
        g_strconcat (g_utf8_substring (value, 0, 23), "…", NULL) : g_strdup (value);

      return g_strdup_printf (_("The tag “%s”"), shown);
    }
  if (g_strcmp0 (field, "tags") == 0)
    return g_strdup_printf (_("Tag %d"), index + 1);

  return g_strdup_printf (_("The field “%s”"), field);
}

/**
 * byline_validator_check_string:
 * @problems: (element-type BylineProblem): where problems are added
 * @field: the field name
 * @index: the position in a list, or -1
 * @value: the string
 * @max_bytes: `maxLength`, in UTF-8 bytes
 * @max_graphemes: `maxGraphemes`
 *
 * Returns: %TRUE if @value is within both limits
 */
gboolean
byline_validator_check_string (GPtrArray  *problems,
                               const char *field,
                               int         index,
                               const char *value,
                               gsize       max_bytes,
                               gsize       max_graphemes)
{
  gsize bytes = strlen (value);
  gsize graphemes;
  g_autofree char *label = NULL;

  g_return_val_if_fail (problems != NULL, FALSE);

  /* Fewer bytes than the limit can't make more graphemes: skip Pango. */
  graphemes = bytes <= max_graphemes ? 0 : byline_validator_count_graphemes (value, bytes);
  if (graphemes > max_graphemes)
    {
      label = field_label (field, index, value);
      /* Translators: “The title has 501 characters; the limit is 500” */
      add_problem (problems, field, index,
                   _("%s has %" G_GSIZE_FORMAT " characters; the limit is %" G_GSIZE_FORMAT),
                   label, graphemes, max_graphemes);
      return FALSE;
    }

  if (bytes > max_bytes)
    {
      label = field_label (field, index, value);
      add_problem (problems, field, index,
                   _("%s has %" G_GSIZE_FORMAT " bytes; the limit is %" G_GSIZE_FORMAT),
                   label, bytes, max_bytes);
      return FALSE;
    }

  return TRUE;
}

/**
 * byline_validator_check_value:
 * @problems: (element-type BylineProblem): where problems are added
 * @field: a field of the record: `title`, `description`, `site`, `path`, `publishedAt`,
 *   `updatedAt`, `tags` (with @index) or `bskyPostRef.uri`
 * @index: the position in `tags`, or -1
 * @value: (nullable): the field's value; %NULL for a field not set
 *
 * Checks one field as export does, for the metadata panel's inline errors and for
 * byline_validator_check_record(), so both say the same thing in the same words.
 *
 * Returns: %TRUE if @value is acceptable
 */
gboolean
byline_validator_check_value (GPtrArray  *problems,
                              const char *field,
                              int         index,
                              const char *value)
{
  g_autofree char *label = NULL;
  guint before;

  g_return_val_if_fail (problems != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  before = problems->len;
  label = field_label (field, index, value);

  if (value == NULL)
    {
      if (strcmp (field, "title") == 0 || strcmp (field, "site") == 0 ||
          strcmp (field, "publishedAt") == 0)
        add_problem (problems, field, index, _("%s is required"), label);
      return problems->len == before;
    }

  if (strcmp (field, "title") == 0)
    {
      if (value[0] == 0)
        add_problem (problems, field, index, _("%s is required"), label);
      else
        byline_validator_check_string (problems, field, index, value,
                                       BYLINE_TITLE_MAX_BYTES, BYLINE_TITLE_MAX_GRAPHEMES);
    }
  else if (strcmp (field, "description") == 0)
    byline_validator_check_string (problems, field, index, value,
                                   BYLINE_DESCRIPTION_MAX_BYTES, BYLINE_DESCRIPTION_MAX_GRAPHEMES);
  else if (strcmp (field, "tags") == 0)
    {
      if (value[0] == '#')
        add_problem (problems, field, index, _("%s starts with “#”; write it without"), label);
      else if (value[0] == 0)
        add_problem (problems, field, index, _("%s is empty"), label);
      else
        byline_validator_check_string (problems, field, index, value,
                                       BYLINE_TAG_MAX_BYTES, BYLINE_TAG_MAX_GRAPHEMES);
    }
  else if (strcmp (field, "site") == 0)
    {
      if (g_str_has_prefix (value, "at://"))
        {
          g_auto(GStrv) parts = g_strsplit (value + 5, "/", -1);

          if (g_strv_length (parts) != 3 || !g_str_has_prefix (parts[0], "did:") ||
              strcmp (parts[1], "site.standard.publication") != 0 || parts[2][0] == 0)
            add_problem (problems, field, index,
                         _("%s is not the at:// URI of a publication "
                           "(at://DID/site.standard.publication/KEY)"), label);
        }
      else if (!g_str_has_prefix (value, "https://") ||
               !g_uri_is_valid (value, G_URI_FLAGS_NONE, NULL) || value[8] == 0)
        add_problem (problems, field, index,
                     _("%s must be an https:// address or the at:// URI of a publication"), label);
      else if (g_str_has_suffix (value, "/"))
        add_problem (problems, field, index, _("%s must not end with a slash"), label);
    }
  else if (strcmp (field, "path") == 0)
    {
      if (value[0] != '/')
        add_problem (problems, field, index,
                     _("%s must start with a slash, as in “/my-article”"), label);
    }
  else if (strcmp (field, "publishedAt") == 0 || strcmp (field, "updatedAt") == 0)
    {
      if (!byline_validator_is_datetime (value))
        add_problem (problems, field, index,
                     _("%s is not a date and time a record accepts "
                       "(YYYY-MM-DDTHH:MM:SS.sssZ)"), label);
    }
  else if (strcmp (field, "bskyPostRef.uri") == 0)
    {
      if (!g_regex_match_simple ("^at://[^/]+/app\\.bsky\\.feed\\.post/[A-Za-z0-9._:~-]+$",
                                 value, 0, 0))
        add_problem (problems, field, index,
                     _("%s is not a link to a post: paste one such as "
                       "https://bsky.app/profile/alice.bsky.social/post/3kabc… or an at:// URI"),
                     label);
    }

  return problems->len == before;
}

/**
 * byline_validator_resolve_cover:
 * @problems: (element-type BylineProblem): where problems are added
 * @name: the `coverImage` of the front matter
 * @base_dir: (nullable): the article's folder
 *
 * Finds the cover's file: a path relative to the article's folder, an absolute path or a
 * `file:` URI. A record carries its cover as a blob, the image itself uploaded with it, so a
 * web address cannot be a cover: it is reported as such, not read as a file name.
 *
 * Returns: (transfer full) (nullable): the cover's file, or %NULL with a problem added
 */
GFile *
byline_validator_resolve_cover (GPtrArray  *problems,
                                const char *name,
                                GFile      *base_dir)
{
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (problems != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* Two letters at least: "C:" is a drive, not a scheme. */
  scheme = g_uri_parse_scheme (name);
  if (scheme != NULL && strlen (scheme) > 1)
    {
      if (g_ascii_strcasecmp (scheme, "file") == 0)
        return g_file_new_for_uri (name);

      if (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
        add_problem (problems, "coverImage", -1,
                     _("The cover image “%s” is a web address: a record carries its cover as "
                       "an image uploaded with it, so download the image beside the article "
                       "and name that file"), name);
      else
        add_problem (problems, "coverImage", -1,
                     _("The cover image “%s” is an address (%s:), not a file: a record carries "
                       "its cover as an image uploaded with it, so name an image file beside "
                       "the article"), name, scheme);
      return NULL;
    }

  if (g_path_is_absolute (name) || base_dir == NULL)
    return g_file_new_for_path (name);

  return g_file_resolve_relative_path (base_dir, name);
}

/**
 * byline_validator_check_cover:
 * @problems: (element-type BylineProblem): where problems are added
 * @name: the file name, for messages
 * @bytes: the file's content
 *
 * Sniffs the content (not the name) for an image type and checks the size
 * against the lexicon's 1,000,000 bytes.
 *
 * Returns: (transfer full) (nullable): the MIME type if the cover is acceptable
 */
char *
byline_validator_check_cover (GPtrArray  *problems,
                              const char *name,
                              GBytes     *bytes)
{
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  gsize size = g_bytes_get_size (bytes);
  gboolean ok = TRUE;

  g_return_val_if_fail (problems != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  content_type = g_content_type_guess (NULL, g_bytes_get_data (bytes, NULL), MIN (size, 65536), NULL);
  mime_type = g_content_type_get_mime_type (content_type);

  if (mime_type == NULL || !g_str_has_prefix (mime_type, "image/"))
    {
      add_problem (problems, "coverImage", -1, _("The cover image “%s” is not an image (its content is %s)"),
                   name, mime_type ? mime_type : content_type);
      ok = FALSE;
    }

  if (size > BYLINE_COVER_MAX_BYTES)
    {
      add_problem (problems, "coverImage", -1,
                   _("The cover image “%s” has %" G_GSIZE_FORMAT " bytes; the limit is %d"),
                   name, size, BYLINE_COVER_MAX_BYTES);
      ok = FALSE;
    }

  return ok ? g_steal_pointer (&mime_type) : NULL;
}

static const char *
get_string (JsonObject *record,
            const char *member,
            GPtrArray  *problems,
            gboolean    required)
{
  JsonNode *node = json_object_get_member (record, member);

  if (node == NULL)
    {
      if (required)
        byline_validator_check_value (problems, member, -1, NULL);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *label = field_label (member, -1, NULL);

      add_problem (problems, member, -1, _("%s must be text"), label);
      return NULL;
    }

  return json_node_get_string (node);
}

/* A string member, checked as the panel checks it. */
static void
check_member (GPtrArray  *problems,
              JsonObject *record,
              const char *member,
              gboolean    required)
{
  const char *value = get_string (record, member, problems, required);

  if (value != NULL)
    byline_validator_check_value (problems, member, -1, value);
}

static void
check_tags (GPtrArray  *problems,
            JsonObject *record)
{
  JsonNode *node = json_object_get_member (record, "tags");
  JsonArray *array;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      add_problem (problems, "tags", -1, _("The tags must be a list"));
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          add_problem (problems, "tags", i, _("Tag %u must be text"), i + 1);
          continue;
        }
      byline_validator_check_value (problems, "tags", i, json_node_get_string (item));
    }
}

static void
check_cover_blob (GPtrArray  *problems,
                  JsonObject *record)
{
  JsonNode *node = json_object_get_member (record, "coverImage");
  JsonObject *blob;
  JsonNode *ref, *size;
  const char *mime;

  if (node == NULL)
    return;

  blob = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  ref = blob ? json_object_get_member (blob, "ref") : NULL;
  size = blob ? json_object_get_member (blob, "size") : NULL;
  mime = blob ? byline_json_object_get_string (blob, "mimeType") : NULL;

  if (blob == NULL ||
      g_strcmp0 (byline_json_object_get_string (blob, "$type"), "blob") != 0 ||
      ref == NULL || !JSON_NODE_HOLDS_OBJECT (ref) ||
      byline_json_object_get_string (json_node_get_object (ref), "$link") == NULL ||
      size == NULL || !JSON_NODE_HOLDS_VALUE (size) ||
      json_node_get_value_type (size) != G_TYPE_INT64 || mime == NULL)
    {
      add_problem (problems, "coverImage", -1,
                   _("The cover image is not a blob ($type, ref, mimeType, size)"));
      return;
    }

  if (!g_str_has_prefix (mime, "image/"))
    add_problem (problems, "coverImage", -1, _("The cover image is %s, not an image"), mime);
  if (json_node_get_int (size) > BYLINE_COVER_MAX_BYTES)
    add_problem (problems, "coverImage", -1,
                 _("The cover image has %" G_GINT64_FORMAT " bytes; the limit is %d"),
                 json_node_get_int (size), BYLINE_COVER_MAX_BYTES);
}

static void
check_bsky_post_ref (GPtrArray  *problems,
                     JsonObject *record)
{
  JsonNode *node = json_object_get_member (record, "bskyPostRef");
  JsonObject *ref;
  const char *uri, *cid;

  if (node == NULL)
    return;

  ref = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  uri = ref ? byline_json_object_get_string (ref, "uri") : NULL;
  cid = ref ? byline_json_object_get_string (ref, "cid") : NULL;

  if (uri == NULL)
    add_problem (problems, "bskyPostRef.uri", -1, _("The Bluesky post needs its at:// URI"));
  else
    byline_validator_check_value (problems, "bskyPostRef.uri", -1, uri);
  if (cid == NULL || cid[0] == 0)
    add_problem (problems, "bskyPostRef.cid", -1,
                 _("The Bluesky post needs its CID: publish an announcement, or paste the "
                   "post again once it exists"));
}

/**
 * byline_validator_check_record:
 * @problems: (element-type BylineProblem): where problems are added
 * @record: a `site.standard.document` record
 * @json_length: the size of the record's JSON text, in bytes
 *
 * Checks every rule of the lexicon that the reference validator and the PDS
 * enforce, plus the conventions of FORMAT.md (no trailing slash on `site`, no `#`
 * on tags), and the PDS's size limit.
 */
void
byline_validator_check_record (GPtrArray  *problems,
                               JsonObject *record,
                               gsize       json_length)
{
  JsonNode *content;

  g_return_if_fail (problems != NULL);
  g_return_if_fail (record != NULL);

  if (g_strcmp0 (byline_json_object_get_string (record, "$type"),
                 "site.standard.document") != 0)
    add_problem (problems, "record", -1, _("The record’s $type must be site.standard.document"));

  check_member (problems, record, "site", TRUE);
  check_member (problems, record, "title", TRUE);
  check_member (problems, record, "publishedAt", TRUE);
  check_member (problems, record, "updatedAt", FALSE);
  check_member (problems, record, "description", FALSE);
  check_member (problems, record, "path", FALSE);
  check_tags (problems, record);
  check_cover_blob (problems, record);
  check_bsky_post_ref (problems, record);
  get_string (record, "textContent", problems, FALSE);

  content = json_object_get_member (record, "content");
  if (content != NULL &&
      (!JSON_NODE_HOLDS_OBJECT (content) ||
       byline_json_object_get_string (json_node_get_object (content), "$type") == NULL))
    add_problem (problems, "content", -1, _("The content must be an object with a $type"));

  if (json_length >= BYLINE_RECORD_MAX_BYTES)
    add_problem (problems, "record", -1,
                 _("The record has %" G_GSIZE_FORMAT " bytes of JSON; the limit is %d"),
                 json_length, BYLINE_RECORD_MAX_BYTES);
}
