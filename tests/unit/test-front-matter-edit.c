/* test-front-matter-edit.c
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

/*
 * Front matter edited in place: over front matters as static-site generators' users write
 * them (tests/unit/data/front-matter/), every edit the side panel makes and every write-back
 * of publishing changes only the lines of the keys it changes, and reads back as meant. Each
 * file is tried as written and with CRLF line ends.
 */

#include "config.h"

#include <string.h>

#include "byline-contributors.h"
#include "byline-front-matter.h"
#include "byline-metadata-private.h"
#include "byline-self-labels.h"

#define FIELD_TAGS          100
#define FIELD_RECORD_FIELDS 101
#define FIELD_END           -1

typedef void (*EditFunc) (BylineMetadata *metadata);

typedef struct
{
  const char *name;
  EditFunc    edit;
  int         fields[6];  /* what the edit may change, FIELD_END terminated */
} EditCase;

typedef struct
{
  const char     *file;
  const EditCase *edit;
  gboolean        crlf;
} EditTest;

static char *
load (const char *name,
      gboolean    crlf,
      gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "unit", "data", "front-matter",
                                                 name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) converted = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  converted = g_string_new (text);
  if (crlf)
    g_string_replace (converted, "\n", "\r\n", 0);
  *length = converted->len;

  return g_string_free (g_steal_pointer (&converted), FALSE);
}

static BylineMetadata *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  BylineMetadata *metadata = byline_front_matter_parse (text, strlen (text), NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (metadata);

  return metadata;
}

static char *
edited (const char     *text,
        BylineMetadata *metadata)
{
  return byline_front_matter_replace (text, strlen (text), metadata);
}

/* Edits, as the panel and publishing make them. */

static void
set_title (BylineMetadata *m)
{
  byline_metadata_set_title (m, "A New Title");
}

static void
set_title_number (BylineMetadata *m)
{
  byline_metadata_set_title (m, "2024");
}

static void
set_title_colon (BylineMetadata *m)
{
  byline_metadata_set_title (m, "Hugo: the “fast” one # really");
}

static void
clear_title (BylineMetadata *m)
{
  byline_metadata_set_title (m, NULL);
}

static void
set_description (BylineMetadata *m)
{
  byline_metadata_set_description (m, "A new summary.");
}

static void
set_description_lines (BylineMetadata *m)
{
  byline_metadata_set_description (m, "First line.\nSecond line.\n");
}

static void
clear_description (BylineMetadata *m)
{
  byline_metadata_set_description (m, NULL);
}

static void
set_site (BylineMetadata *m)
{
  byline_metadata_set_site (m, "https://blog.example.org");
}

static void
clear_site (BylineMetadata *m)
{
  byline_metadata_set_site (m, NULL);
}

static void
clear_updated (BylineMetadata *m)
{
  byline_metadata_set_updated_at (m, NULL);
}

static void
clear_bsky_post (BylineMetadata *m)
{
  byline_metadata_set_bsky_post_uri (m, NULL);
  byline_metadata_set_bsky_post_cid (m, NULL);
}

static void
set_path (BylineMetadata *m)
{
  byline_metadata_set_path (m, "/a-new-path");
}

static void
clear_path (BylineMetadata *m)
{
  byline_metadata_set_path (m, NULL);
}

static void
set_published (BylineMetadata *m)
{
  byline_metadata_set_published_at (m, "2025-01-02T03:04:05Z");
}

static void
clear_published (BylineMetadata *m)
{
  byline_metadata_set_published_at (m, NULL);
}

static void
set_updated (BylineMetadata *m)
{
  byline_metadata_set_updated_at (m, "2025-02-03T04:05:06Z");
}

static void
add_tag (BylineMetadata *m)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tags = NULL;

  if (byline_metadata_get_tags (m) != NULL)
    g_strv_builder_addv (builder, (const char **)byline_metadata_get_tags (m));
  g_strv_builder_add (builder, "new tag");
  tags = g_strv_builder_end (builder);
  byline_metadata_set_tags (m, (const char * const *)tags);
}

static void
remove_first_tag (BylineMetadata *m)
{
  const char * const *tags = byline_metadata_get_tags (m);

  if (tags != NULL && tags[0] != NULL)
    byline_metadata_set_tags (m, tags + 1);
}

static void
rename_last_tag (BylineMetadata *m)
{
  g_auto(GStrv) tags = g_strdupv ((char **)byline_metadata_get_tags (m));
  guint n = tags ? g_strv_length (tags) : 0;

  if (n == 0)
    return;
  g_free (tags[n - 1]);
  tags[n - 1] = g_strdup ("renamed");
  byline_metadata_set_tags (m, (const char * const *)tags);
}

static void
clear_tags (BylineMetadata *m)
{
  byline_metadata_set_tags (m, NULL);
}

static void
empty_tags (BylineMetadata *m)
{
  const char *none[] = { NULL };

  byline_metadata_set_tags (m, none);
}

static void
set_cover (BylineMetadata *m)
{
  byline_metadata_set_cover_image (m, "images/new cover.png");
}

static void
clear_cover (BylineMetadata *m)
{
  byline_metadata_set_cover_image (m, NULL);
  byline_metadata_set_cover_blob (m, NULL);
}

/* The panel's Bluesky row: a new post, whose CID is not known. */
static void
set_bsky_post (BylineMetadata *m)
{
  byline_metadata_set_bsky_post_uri (m, "at://did:plc:xyz/app.bsky.feed.post/3knew");
  byline_metadata_set_bsky_post_cid (m, NULL);
}

/* What publishing writes back: the record's address and version, the dates, the post. */
static void
publish (BylineMetadata *m)
{
  byline_metadata_set_record_uri (m, "at://did:plc:xyz/site.standard.document/3kpub");
  byline_metadata_set_record_cid (m, "bafyreinewrecord");
  if (byline_metadata_get_published_at (m) == NULL)
    byline_metadata_set_published_at (m, "2025-03-04T05:06:07.000Z");
  else
    byline_metadata_set_updated_at (m, "2025-03-04T05:06:07.000Z");
  byline_metadata_set_bsky_post_uri (m, "at://did:plc:xyz/app.bsky.feed.post/3kannounce");
  byline_metadata_set_bsky_post_cid (m, "bafyreipost");
}

static void
unpublish (BylineMetadata *m)
{
  byline_metadata_set_record_uri (m, NULL);
  byline_metadata_set_record_cid (m, NULL);
}

static void
set_record_fields (BylineMetadata *m)
{
  g_autoptr(JsonObject) fields = json_object_new ();

  json_object_set_string_member (fields, "textContent", "new text");
  json_object_set_int_member (fields, "version", 2);
  byline_metadata_set_record_fields (m, fields);
}

static const EditCase edit_cases[] = {
  { "title", set_title, { BYLINE_METADATA_FIELD_TITLE, FIELD_END } },
  { "title-number", set_title_number, { BYLINE_METADATA_FIELD_TITLE, FIELD_END } },
  { "title-colon", set_title_colon, { BYLINE_METADATA_FIELD_TITLE, FIELD_END } },
  { "title-clear", clear_title, { BYLINE_METADATA_FIELD_TITLE, FIELD_END } },
  { "description", set_description, { BYLINE_METADATA_FIELD_DESCRIPTION, FIELD_END } },
  { "description-lines", set_description_lines, { BYLINE_METADATA_FIELD_DESCRIPTION, FIELD_END } },
  { "description-clear", clear_description, { BYLINE_METADATA_FIELD_DESCRIPTION, FIELD_END } },
  { "site", set_site, { BYLINE_METADATA_FIELD_SITE, FIELD_END } },
  { "site-clear", clear_site, { BYLINE_METADATA_FIELD_SITE, FIELD_END } },
  { "path", set_path, { BYLINE_METADATA_FIELD_PATH, FIELD_END } },
  { "path-clear", clear_path, { BYLINE_METADATA_FIELD_PATH, FIELD_END } },
  { "published", set_published, { BYLINE_METADATA_FIELD_PUBLISHED_AT, FIELD_END } },
  { "published-clear", clear_published, { BYLINE_METADATA_FIELD_PUBLISHED_AT, FIELD_END } },
  { "updated", set_updated, { BYLINE_METADATA_FIELD_UPDATED_AT, FIELD_END } },
  { "updated-clear", clear_updated, { BYLINE_METADATA_FIELD_UPDATED_AT, FIELD_END } },
  { "tags-add", add_tag, { FIELD_TAGS, FIELD_END } },
  { "tags-remove", remove_first_tag, { FIELD_TAGS, FIELD_END } },
  { "tags-rename", rename_last_tag, { FIELD_TAGS, FIELD_END } },
  { "tags-clear", clear_tags, { FIELD_TAGS, FIELD_END } },
  { "tags-empty", empty_tags, { FIELD_TAGS, FIELD_END } },
  { "cover", set_cover, { BYLINE_METADATA_FIELD_COVER_IMAGE, FIELD_END } },
  { "cover-clear", clear_cover, { BYLINE_METADATA_FIELD_COVER_IMAGE, FIELD_END } },
  { "bsky-post", set_bsky_post, { BYLINE_METADATA_FIELD_BSKY_POST_URI, FIELD_END } },
  { "bsky-post-clear", clear_bsky_post, { BYLINE_METADATA_FIELD_BSKY_POST_URI, FIELD_END } },
  { "publish", publish, { BYLINE_METADATA_FIELD_RECORD_URI, BYLINE_METADATA_FIELD_RECORD_CID,
                          BYLINE_METADATA_FIELD_PUBLISHED_AT, BYLINE_METADATA_FIELD_UPDATED_AT,
                          BYLINE_METADATA_FIELD_BSKY_POST_URI, FIELD_END } },
  { "unpublish", unpublish, { BYLINE_METADATA_FIELD_RECORD_URI, BYLINE_METADATA_FIELD_RECORD_CID,
                              FIELD_END } },
  { "record-fields", set_record_fields, { FIELD_RECORD_FIELDS, FIELD_END } },
};

static const char * const files[] = {
  "hugo.md", "jekyll.md", "astro.md", "eleventy.md", "byline.md",
};

/* The top-level key a field is written under in @metadata's front matter. */
static const char *
field_key (BylineMetadata *metadata,
           int             field)
{
  if (field == FIELD_TAGS)
    return "tags";
  if (field == FIELD_RECORD_FIELDS)
    return "recordFields";
  if (field == BYLINE_METADATA_FIELD_BSKY_POST_URI || field == BYLINE_METADATA_FIELD_BSKY_POST_CID)
    return "bskyPostRef";

  return _byline_metadata_get_key_name (metadata, field);
}

static gboolean
line_is_key (const char *line,
             const char *key)
{
  gsize n = strlen (key);

  return strncmp (line, key, n) == 0 && line[n] == ':';
}

/* The front matter's lines without those of @keys: a key's line, and the lines below it
 * that are indented or list items. */
static GPtrArray *
lines_without (const char  *text,
               GStrv        keys)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_free);
  gboolean skipping = FALSE;
  guint fences = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gboolean is_key = FALSE;

      if (fences < 2 && g_str_has_prefix (line, "---"))
        fences++;

      /* A blank line inside a value (a folded scalar's) belongs to it. */
      if (fences == 1 && line[0] == 0)
        {
          guint next = i + 1;

          while (lines[next] != NULL && lines[next][0] == 0)
            next++;
          if (lines[next] == NULL || lines[next][0] != ' ')
            skipping = FALSE;
        }
      else if (fences == 1 && line[0] != ' ' && line[0] != '-' && line[0] != '#')
        {
          skipping = FALSE;
          for (guint k = 0; keys[k] != NULL; k++)
            is_key = is_key || line_is_key (line, keys[k]);
          if (is_key)
            skipping = TRUE;
        }
      else if (fences == 1 && line[0] == '#')
        skipping = FALSE;

      if (!skipping || fences != 1)
        g_ptr_array_add (kept, g_strdup (line));
    }

  return kept;
}

static void
assert_same_lines (GPtrArray *a,
                   GPtrArray *b)
{
  for (guint i = 0; i < MIN (a->len, b->len); i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
  g_assert_cmpuint (a->len, ==, b->len);
}

static void
assert_same_json (JsonObject *a,
                  JsonObject *b)
{
  if (a == NULL || b == NULL)
    {
      g_assert_true (a == b);
      return;
    }
  g_assert_true (json_object_equal (a, b));
}

/* @text reads back as @metadata, unknown keys and all. */
static void
assert_reads_as (const char     *text,
                 BylineMetadata *metadata)
{
  g_autoptr(BylineMetadata) read = parse_ok (text);
  const char * const *a = byline_metadata_get_tags (read);
  const char * const *b = byline_metadata_get_tags (metadata);

  for (guint field = 0; field < BYLINE_METADATA_N_FIELDS; field++)
    g_assert_cmpstr (byline_metadata_get_string (read, field), ==,
                     byline_metadata_get_string (metadata, field));

  g_assert_true ((a == NULL) == (b == NULL));
  if (a != NULL)
    g_assert_true (g_strv_equal (a, b));

  assert_same_json (byline_metadata_get_cover_blob (read),
                    byline_metadata_get_cover_blob (metadata));
  assert_same_json (byline_metadata_get_record_fields (read),
                    byline_metadata_get_record_fields (metadata));

  g_assert_cmpuint (byline_metadata_get_n_extra_keys (read), ==,
                    byline_metadata_get_n_extra_keys (metadata));
  for (guint i = 0; i < byline_metadata_get_n_extra_keys (read); i++)
    g_assert_cmpstr (byline_metadata_get_extra_key (read, i), ==,
                     byline_metadata_get_extra_key (metadata, i));
}

static void
assert_line_ends (const char *text,
                  gboolean    crlf)
{
  for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    g_assert_true ((p > text && p[-1] == '\r') == crlf);
}

static void
test_edit (gconstpointer data)
{
  const EditTest *test = data;
  gsize length;
  g_autofree char *text = load (test->file, test->crlf, &length);
  g_autoptr(BylineMetadata) original = parse_ok (text);
  g_autoptr(BylineMetadata) metadata = byline_metadata_copy (original);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) keys = NULL;
  g_autofree char *out = NULL;
  g_autofree char *lf_text = NULL;
  g_autofree char *lf_out = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  gsize body = 0;
  gsize out_body = 0;

  test->edit->edit (metadata);
  for (guint i = 0; test->edit->fields[i] != FIELD_END; i++)
    {
      g_strv_builder_add (builder, field_key (original, test->edit->fields[i]));
      g_strv_builder_add (builder, field_key (metadata, test->edit->fields[i]));
    }
  keys = g_strv_builder_end (builder);

  out = edited (text, metadata);
  assert_reads_as (out, metadata);
  assert_line_ends (out, test->crlf);

  /* The body is untouched. */
  byline_front_matter_find (text, length, &body);
  byline_front_matter_find (out, strlen (out), &out_body);
  g_assert_cmpstr (text + body, ==, out + out_body);

  /* Only the lines of the changed keys differ. */
  lf_text = g_strdup (text);
  lf_out = g_strdup (out);
  if (test->crlf)
    {
      g_autoptr(GString) a = g_string_new (text);
      g_autoptr(GString) b = g_string_new (out);

      g_string_replace (a, "\r\n", "\n", 0);
      g_string_replace (b, "\r\n", "\n", 0);
      g_free (lf_text);
      g_free (lf_out);
      lf_text = g_strdup (a->str);
      lf_out = g_strdup (b->str);
    }
  before = lines_without (lf_text, keys);
  after = lines_without (lf_out, keys);
  assert_same_lines (before, after);

  /* An edit that changes nothing changes no byte. */
  {
    g_autofree char *again = edited (out, metadata);

    g_assert_cmpstr (again, ==, out);
  }
}

/* The lines of @text that differ from those of @original, in order, as "-old" and "+new". */
static char *
changed_lines (const char *original,
               const char *text)
{
  g_auto(GStrv) a = g_strsplit (original, "\n", -1);
  g_auto(GStrv) b = g_strsplit (text, "\n", -1);
  guint na = g_strv_length (a);
  guint nb = g_strv_length (b);
  guint prefix = 0;
  guint suffix = 0;
  g_autoptr(GString) diff = g_string_new (NULL);

  while (prefix < na && prefix < nb && strcmp (a[prefix], b[prefix]) == 0)
    prefix++;
  while (suffix < na - prefix && suffix < nb - prefix &&
         strcmp (a[na - 1 - suffix], b[nb - 1 - suffix]) == 0)
    suffix++;

  for (guint i = prefix; i < na - suffix; i++)
    g_string_append_printf (diff, "-%s\n", a[i]);
  for (guint i = prefix; i < nb - suffix; i++)
    g_string_append_printf (diff, "+%s\n", b[i]);

  return g_string_free (g_steal_pointer (&diff), FALSE);
}

static void
assert_edit (const char *file,
             EditFunc    edit,
             const char *expected)
{
  gsize length;
  g_autofree char *text = load (file, FALSE, &length);
  g_autoptr(BylineMetadata) metadata = parse_ok (text);
  g_autofree char *out = NULL;
  g_autofree char *diff = NULL;

  edit (metadata);
  out = edited (text, metadata);
  diff = changed_lines (text, out);
  g_assert_cmpstr (diff, ==, expected);
  assert_reads_as (out, metadata);
}

/* A value keeps its quotes, and its comment. */
static void
test_quoting_kept (void)
{
  assert_edit ("hugo.md", set_title,
               "-title: \"Building a Static Site with Hugo\"   # shown in <title>\n"
               "+title: \"A New Title\"   # shown in <title>\n");
  assert_edit ("astro.md", set_title,
               "-title: 'Astro 4.0 Is Out'\n"
               "+title: 'A New Title'\n");
  assert_edit ("eleventy.md", set_title,
               "-title: My Fourth Post\n"
               "+title: A New Title\n");
  assert_edit ("jekyll.md", set_title,
               "-title:  \"Welcome to Jekyll!\"\n"
               "+title:  \"A New Title\"\n");
  /* A plain value that would read as a number is quoted; one that YAML cannot take plain
   * is quoted by libyaml. */
  assert_edit ("eleventy.md", set_title_number,
               "-title: My Fourth Post\n"
               "+title: \"2024\"\n");
  assert_edit ("eleventy.md", set_title_colon,
               "-title: My Fourth Post\n"
               "+title: 'Hugo: the “fast” one # really'\n");
  assert_edit ("byline.md", set_path,
               "-path: /notes-from-the-road\n"
               "+path: /a-new-path\n");
  /* An alias stays the key it was. */
  assert_edit ("hugo.md", set_path,
               "-slug: building-a-static-site\n"
               "+slug: /a-new-path\n");
}

static void
set_title_emoji (BylineMetadata *m)
{
  byline_metadata_set_title (m, "Night Trains \xf0\x9f\x9a\x86 and Ferries");
}

static void
add_emoji_tag (BylineMetadata *m)
{
  const char *tags[] = { "hugo", "static sites", "go", "\xf0\x9f\x9a\x86", NULL };

  byline_metadata_set_tags (m, tags);
}

/* Emoji are written as they are, not escaped, and need no quotes. */
static void
test_emoji (void)
{
  assert_edit ("eleventy.md", set_title_emoji,
               "-title: My Fourth Post\n"
               "+title: Night Trains \xf0\x9f\x9a\x86 and Ferries\n");
  assert_edit ("astro.md", set_title_emoji,
               "-title: 'Astro 4.0 Is Out'\n"
               "+title: 'Night Trains \xf0\x9f\x9a\x86 and Ferries'\n");
  assert_edit ("hugo.md", add_emoji_tag,
               "-tags: [\"hugo\", \"static sites\", 'go']   # the taxonomy\n"
               "+tags: [\"hugo\", \"static sites\", 'go', '\xf0\x9f\x9a\x86']   # the taxonomy\n");
}

/* A block scalar stays one, with its indicator's style. */
static void
test_block_scalars (void)
{
  assert_edit ("hugo.md", set_description,
               "-description: >\n"
               "-  A walk through Hugo's content organisation,\n"
               "-  its templates and its build pipeline.\n"
               "+description: >-\n"
               "+  A new summary.\n");
  assert_edit ("byline.md", set_description_lines,
               "-  First line of the summary.\n"
               "+  First line.\n");
  assert_edit ("eleventy.md", set_description_lines,
               "-description: This is a post on My Blog about touchpoints and circling wagons.\n"
               "+description: |\n"
               "+  First line.\n"
               "+  Second line.\n");
}

/* Lists keep their style: flow stays flow with its spacing and quotes, block stays block
 * with its indentation and comments. */
static void
test_lists (void)
{
  assert_edit ("hugo.md", add_tag,
               "-tags: [\"hugo\", \"static sites\", 'go']   # the taxonomy\n"
               "+tags: [\"hugo\", \"static sites\", 'go', 'new tag']   # the taxonomy\n");
  assert_edit ("byline.md", remove_first_tag,
               "-tags: [travel, notes]   # keep it short\n"
               "+tags: [notes]   # keep it short\n");
  assert_edit ("jekyll.md", add_tag,
               "+- new tag\n");
  assert_edit ("jekyll.md", remove_first_tag,
               "-- release\n");
  assert_edit ("eleventy.md", rename_last_tag,
               "-  - posts\n"
               "+  - renamed\n");
  /* A comment between items stays where it was. */
  assert_edit ("astro.md", remove_first_tag,
               "-  - astro\n");
  assert_edit ("astro.md", empty_tags,
               "-tags:\n"
               "-  - astro\n"
               "-  # release notes go under this tag\n"
               "-  - release\n"
               "+tags: []\n");
  assert_edit ("astro.md", clear_tags,
               "-tags:\n"
               "-  - astro\n"
               "-  # release notes go under this tag\n"
               "-  - release\n");
}

/* A removed key takes its own lines only; a new one goes after the last known key. */
static void
test_keys_added_and_removed (void)
{
  assert_edit ("byline.md", clear_cover,
               "-coverImage: images/road.jpg\n");
  assert_edit ("byline.md", clear_description,
               "-description: |\n"
               "-  First line of the summary.\n"
               "-  Second line.\n");
  assert_edit ("astro.md", set_published,
               "+publishedAt: 2025-01-02T03:04:05Z\n");
  assert_edit ("eleventy.md", set_path,
               "+path: /a-new-path\n");
  assert_edit ("jekyll.md", set_site,
               "+site: https://blog.example.org\n");
}

/* Publishing writes its fields back: the values change where they stand, the post is
 * replaced as a unit, new ones come after the last known key. */
static void
test_publish_write_back (void)
{
  assert_edit ("byline.md", publish,
               "-  uri: at://did:plc:abc/app.bsky.feed.post/3kold\n"
               "-  cid: bafyoldpost\n"
               "-atUri: at://did:plc:abc/site.standard.document/3kabc\n"
               "-atCid: bafyoldrecord\n"
               "-recordFields:\n"
               "-  textContent: old text\n"
               "+  uri: at://did:plc:xyz/app.bsky.feed.post/3kannounce\n"
               "+  cid: bafyreipost\n"
               "+atUri: at://did:plc:xyz/site.standard.document/3kpub\n"
               "+atCid: bafyreinewrecord\n"
               "+recordFields:\n"
               "+  textContent: old text\n"
               "+updatedAt: 2025-03-04T05:06:07.000Z\n");
  assert_edit ("eleventy.md", publish,
               "+updatedAt: 2025-03-04T05:06:07.000Z\n"
               "+bskyPostRef:\n"
               "+  uri: at://did:plc:xyz/app.bsky.feed.post/3kannounce\n"
               "+  cid: bafyreipost\n"
               "+atUri: at://did:plc:xyz/site.standard.document/3kpub\n"
               "+atCid: bafyreinewrecord\n");
}

/* Anchors and aliases of other keys stay; an anchored value that changes leaves its old
 * value with the alias that named it. */
static void
test_anchors (void)
{
  assert_edit ("anchors.md", add_tag,
               "-tags: [a, b]\n"
               "+tags: [a, b, new tag]\n");
  /* The title's anchor moves to the alias, as it was written. */
  {
    gsize length;
    g_autofree char *text = load ("anchors.md", FALSE, &length);
    g_autoptr(BylineMetadata) metadata = parse_ok (text);
    g_autofree char *out = NULL;

    set_title (metadata);
    out = edited (text, metadata);
    g_assert_cmpstr (out, ==,
                     "---\n"
                     "title: A New Title\n"
                     "defaults: &defaults\n"
                     "  comments: true\n"
                     "  share: false\n"
                     "post:\n"
                     "  <<: *defaults\n"
                     "  share: true\n"
                     "og_title: &title Anchored Title\n"
                     "tags: [a, b]\n"
                     "---\n"
                     "Body.\n");
    assert_reads_as (out, metadata);
  }
}

/* Without front matter, one is added; the body stays as it was. */
static void
test_no_front_matter (void)
{
  gsize length;
  g_autofree char *text = load ("none.md", FALSE, &length);
  g_autoptr(BylineMetadata) metadata = parse_ok (text);
  g_autofree char *out = NULL;
  g_autofree char *crlf_text = load ("none.md", TRUE, &length);
  g_autofree char *crlf_out = NULL;

  set_title (metadata);
  out = edited (text, metadata);
  g_assert_cmpstr (out, ==, "---\ntitle: A New Title\n---\n# No front matter\n\nJust a body.\n");

  crlf_out = edited (crlf_text, metadata);
  g_assert_cmpstr (crlf_out, ==,
                   "---\r\ntitle: A New Title\r\n---\r\n# No front matter\r\n\r\nJust a body.\r\n");
}

/* What cannot be edited in place is written whole, still right. */
static void
test_flow_mapping_rewritten (void)
{
  const char *text = "---\n{title: A, extra: 1}\n---\nBody\n";
  g_autoptr(BylineMetadata) metadata = parse_ok (text);
  g_autofree char *out = NULL;

  set_title (metadata);
  out = edited (text, metadata);
  assert_reads_as (out, metadata);
  g_assert_true (g_str_has_suffix (out, "---\nBody\n"));
}

/* Emptied, a block that holds nothing else goes; one with a comment stays. */
static void
test_emptied (void)
{
  const char *text = "---\ntitle: Only\n---\nBody\n";
  const char *commented = "---\n# keep me\ntitle: Only\n---\nBody\n";
  g_autoptr(BylineMetadata) metadata = parse_ok (text);
  g_autofree char *out = NULL;

  clear_title (metadata);
  out = edited (text, metadata);
  g_assert_cmpstr (out, ==, "Body\n");

  g_clear_pointer (&out, g_free);
  out = edited (commented, metadata);
  g_assert_cmpstr (out, ==, "---\n# keep me\n---\nBody\n");
}

static void
assert_contributor (GPtrArray  *contributors,
                    guint       index,
                    const char *did,
                    const char *role,
                    const char *display_name)
{
  const BylineContributor *c;

  g_assert_cmpuint (index, <, contributors->len);
  c = g_ptr_array_index (contributors, index);
  g_assert_cmpstr (c->did, ==, did);
  g_assert_cmpstr (c->role, ==, role);
  g_assert_cmpstr (c->display_name, ==, display_name);
}

/* The panel's contributors: added, reordered and removed in place; the writer's other lines,
 * comments and keys Byline does not know stay as they were. */
static void
test_contributors (void)
{
  const char *text = "---\n"
                     "title: A Title  # the headline\n"
                     "contributors:\n"
                     "  - did: did:plc:aaaa\n"
                     "    role: editor\n"
                     "draft: true  # keep me\n"
                     "---\n"
                     "Body\n";
  g_autoptr(BylineMetadata) metadata = parse_ok (text);
  g_autoptr(GPtrArray) contributors = byline_metadata_dup_contributors (metadata);
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(BylineMetadata) reread = NULL;
  g_autofree char *out = NULL;
  g_autofree char *swapped = NULL;
  g_autofree char *removed = NULL;

  g_assert_cmpuint (contributors->len, ==, 1);
  assert_contributor (contributors, 0, "did:plc:aaaa", "editor", NULL);

  /* Added */
  g_ptr_array_add (contributors, byline_contributor_new ("did:plc:bbbb", "", "Bo Lee"));
  byline_metadata_set_contributors (metadata, contributors);
  out = edited (text, metadata);
  g_assert_cmpstr (out, ==, "---\n"
                            "title: A Title  # the headline\n"
                            "contributors:\n"
                            "  - did: did:plc:aaaa\n"
                            "    role: editor\n"
                            "  - did: did:plc:bbbb\n"
                            "    displayName: Bo Lee\n"
                            "draft: true  # keep me\n"
                            "---\n"
                            "Body\n");
  reread = parse_ok (out);
  read = byline_metadata_dup_contributors (reread);
  g_assert_cmpuint (read->len, ==, 2);
  assert_contributor (read, 1, "did:plc:bbbb", NULL, "Bo Lee");
  g_assert_cmpstr (byline_metadata_get_extra_string (reread, "draft"), ==, "true");

  /* Reordered */
  g_ptr_array_insert (read, 0, g_ptr_array_steal_index (read, 1));
  byline_metadata_set_contributors (reread, read);
  swapped = edited (out, reread);
  g_clear_object (&reread);
  g_clear_pointer (&read, g_ptr_array_unref);
  reread = parse_ok (swapped);
  read = byline_metadata_dup_contributors (reread);
  g_assert_cmpuint (read->len, ==, 2);
  assert_contributor (read, 0, "did:plc:bbbb", NULL, "Bo Lee");
  assert_contributor (read, 1, "did:plc:aaaa", "editor", NULL);
  g_assert_true (strstr (swapped, "title: A Title  # the headline\n") != NULL);

  /* Removed: the key goes, with its lines only. */
  byline_metadata_set_contributors (reread, NULL);
  removed = edited (swapped, reread);
  g_assert_cmpstr (removed, ==, "---\n"
                                "title: A Title  # the headline\n"
                                "draft: true  # keep me\n"
                                "---\n"
                                "Body\n");
}

/* A first contributor goes last in the front matter; a panel edit merged into a newer text
 * keeps what the writer typed meanwhile. */
static void
test_contributors_added_and_merged (void)
{
  const char *text = "---\ntitle: A\n# the end\nlayout: post\n---\nBody\n";
  const char *typed = "---\ntitle: B\n# the end\nlayout: post\n---\nBody\n";
  g_autoptr(BylineMetadata) base = parse_ok (text);
  g_autoptr(BylineMetadata) changed = byline_metadata_copy (base);
  g_autoptr(BylineMetadata) now = parse_ok (typed);
  g_autoptr(GPtrArray) contributors = g_ptr_array_new_with_free_func (
    (GDestroyNotify)byline_contributor_free);
  g_autofree char *out = NULL;

  g_ptr_array_add (contributors, byline_contributor_new ("did:plc:cccc", "photos", NULL));
  byline_metadata_set_contributors (changed, contributors);
  byline_metadata_merge_changes (now, base, changed);
  g_assert_cmpstr (byline_metadata_get_title (now), ==, "B");

  out = edited (typed, now);
  g_assert_cmpstr (out, ==, "---\n"
                            "title: B\n"
                            "# the end\n"
                            "layout: post\n"
                            "contributors:\n"
                            "- did: did:plc:cccc\n"
                            "  role: photos\n"
                            "---\n"
                            "Body\n");

  /* Removed in the panel: merged as a removal. */
  {
    g_autoptr(BylineMetadata) base2 = parse_ok (out);
    g_autoptr(BylineMetadata) changed2 = byline_metadata_copy (base2);
    g_autoptr(BylineMetadata) now2 = parse_ok (out);

    byline_metadata_set_contributors (changed2, NULL);
    byline_metadata_merge_changes (now2, base2, changed2);
    g_assert_cmpuint (byline_metadata_get_n_extra_keys (now2), ==, 1);
    g_assert_cmpstr (byline_metadata_get_extra_key (now2, 0), ==, "layout");
  }
}

/* Self-labels set from the panel: a list in the style it was written in, its comment kept. */
static void
test_labels (void)
{
  const char *flow = "---\ntitle: A\nlabels: [nudity]  # warn\nlayout: post\n---\nBody\n";
  const char *block = "---\ntitle: A\nlabels:\n  - nudity\n  - custom\n---\nBody\n";
  const char *none = "---\ntitle: A\n---\nBody\n";
  const char *two[] = { "nudity", "graphic-media", NULL };
  const char *one[] = { "porn", NULL };
  g_autoptr(BylineMetadata) metadata = parse_ok (flow);
  g_autoptr(BylineMetadata) blocked = parse_ok (block);
  g_autoptr(BylineMetadata) empty = parse_ok (none);
  g_auto(GStrv) read = byline_metadata_dup_labels (metadata);
  g_auto(GStrv) read_block = byline_metadata_dup_labels (blocked);
  g_auto(GStrv) read_none = byline_metadata_dup_labels (empty);
  g_autofree char *out = NULL;
  g_autofree char *out_block = NULL;
  g_autofree char *out_none = NULL;
  g_autofree char *removed = NULL;

  g_assert_cmpstrv (read, ((const char *[]) { "nudity", NULL }));
  g_assert_cmpstrv (read_block, ((const char *[]) { "nudity", "custom", NULL }));
  g_assert_cmpstrv (read_none, ((const char *[]) { NULL }));

  byline_metadata_set_labels (metadata, two);
  out = edited (flow, metadata);
  g_assert_cmpstr (out, ==, "---\ntitle: A\nlabels: [nudity, graphic-media]  # warn\nlayout: post\n---\nBody\n");

  byline_metadata_set_labels (blocked, one);
  out_block = edited (block, blocked);
  g_assert_cmpstr (out_block, ==, "---\ntitle: A\nlabels:\n  - porn\n---\nBody\n");

  byline_metadata_set_labels (empty, one);
  out_none = edited (none, empty);
  g_assert_cmpstr (out_none, ==, "---\ntitle: A\nlabels: [porn]\n---\nBody\n");

  byline_metadata_set_labels (metadata, NULL);
  removed = edited (flow, metadata);
  g_assert_cmpstr (removed, ==, "---\ntitle: A\nlayout: post\n---\nBody\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) tests = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    for (guint e = 0; e < G_N_ELEMENTS (edit_cases); e++)
      for (guint crlf = 0; crlf < 2; crlf++)
        {
          EditTest *test = g_new0 (EditTest, 1);
          g_autofree char *stem = g_strndup (files[f], strlen (files[f]) - 3);
          g_autofree char *path = g_strdup_printf ("/front-matter-edit/%s/%s%s", stem,
                                                   edit_cases[e].name, crlf ? "/crlf" : "");

          test->file = files[f];
          test->edit = &edit_cases[e];
          test->crlf = crlf;
          g_ptr_array_add (tests, test);
          g_test_add_data_func (path, test, test_edit);
        }

  g_test_add_func ("/front-matter-edit/quoting-kept", test_quoting_kept);
  g_test_add_func ("/front-matter-edit/emoji", test_emoji);
  g_test_add_func ("/front-matter-edit/block-scalars", test_block_scalars);
  g_test_add_func ("/front-matter-edit/lists", test_lists);
  g_test_add_func ("/front-matter-edit/keys-added-and-removed", test_keys_added_and_removed);
  g_test_add_func ("/front-matter-edit/publish-write-back", test_publish_write_back);
  g_test_add_func ("/front-matter-edit/anchors", test_anchors);
  g_test_add_func ("/front-matter-edit/no-front-matter", test_no_front_matter);
  g_test_add_func ("/front-matter-edit/flow-mapping-rewritten", test_flow_mapping_rewritten);
  g_test_add_func ("/front-matter-edit/emptied", test_emptied);
  g_test_add_func ("/front-matter-edit/contributors", test_contributors);
  g_test_add_func ("/front-matter-edit/contributors-added-and-merged",
                   test_contributors_added_and_merged);
  g_test_add_func ("/front-matter-edit/labels", test_labels);

  return g_test_run ();
}
