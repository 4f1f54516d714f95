/* test-front-matter.c
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

#include "config.h"

#include <string.h>

#include "byline-front-matter.h"
#include "byline-metadata.h"

static BylineMetadata *
parse_ok (const char *text,
          gsize      *body)
{
  g_autoptr(GError) error = NULL;
  BylineMetadata *metadata = byline_front_matter_parse (text, strlen (text), body, &error);

  g_assert_no_error (error);
  g_assert_nonnull (metadata);

  return metadata;
}

static void
test_find (void)
{
  const char *text = "---\ntitle: A\n---\nBody\n";
  gsize end = 0;

  g_assert_true (byline_front_matter_find (text, strlen (text), &end));
  g_assert_cmpstr (text + end, ==, "Body\n");

  g_assert_true (byline_front_matter_find ("---\n---\n", 8, &end));
  g_assert_cmpuint (end, ==, 8);
  g_assert_true (byline_front_matter_find ("---\na: b\n---", 12, &end));
  g_assert_cmpuint (end, ==, 12);
  g_assert_true (byline_front_matter_find ("---\r\na: b\r\n---\r\nx", 17, &end));
  g_assert_cmpuint (end, ==, 16);

  g_assert_false (byline_front_matter_find ("# Title\n---\n", 12, &end));
  g_assert_false (byline_front_matter_find ("---\nno end\n", 11, &end));
  g_assert_false (byline_front_matter_find ("----\na\n---\n", 11, &end));
  g_assert_false (byline_front_matter_find ("", 0, &end));
}

static void
test_known_keys (void)
{
  const char *text =
    "---\n"
    "title: Why Beijing Is Betting Big on AI\n"
    "description: \"Two\\nlines\"\n"
    "site: https://example.com\n"
    "path: /a\n"
    "publishedAt: 2026-03-05T20:30:00.000Z\n"
    "updatedAt: '2026-03-06T10:23:49.607Z'\n"
    "tags: [ai, china]\n"
    "coverImage: cover.png\n"
    "bskyPostRef:\n"
    "  uri: at://did:plc:x/app.bsky.feed.post/3k\n"
    "  cid: bafyrei\n"
    "atUri: at://did:plc:x/site.standard.document/3k\n"
    "atCid: bafyreiabc\n"
    "---\n"
    "Body";
  g_autoptr(BylineMetadata) m = NULL;
  const char * const *tags;
  gsize body = 0;

  m = parse_ok (text, &body);
  g_assert_cmpstr (text + body, ==, "Body");
  g_assert_cmpstr (byline_metadata_get_title (m), ==, "Why Beijing Is Betting Big on AI");
  g_assert_cmpstr (byline_metadata_get_description (m), ==, "Two\nlines");
  g_assert_cmpstr (byline_metadata_get_site (m), ==, "https://example.com");
  g_assert_cmpstr (byline_metadata_get_path (m), ==, "/a");
  g_assert_cmpstr (byline_metadata_get_published_at (m), ==, "2026-03-05T20:30:00.000Z");
  g_assert_cmpstr (byline_metadata_get_updated_at (m), ==, "2026-03-06T10:23:49.607Z");
  g_assert_cmpstr (byline_metadata_get_cover_image (m), ==, "cover.png");
  g_assert_cmpstr (byline_metadata_get_bsky_post_uri (m), ==, "at://did:plc:x/app.bsky.feed.post/3k");
  g_assert_cmpstr (byline_metadata_get_bsky_post_cid (m), ==, "bafyrei");
  g_assert_cmpstr (byline_metadata_get_record_uri (m), ==, "at://did:plc:x/site.standard.document/3k");
  g_assert_cmpstr (byline_metadata_get_record_cid (m), ==, "bafyreiabc");
  tags = byline_metadata_get_tags (m);
  g_assert_cmpuint (g_strv_length ((char **)tags), ==, 2);
  g_assert_cmpstr (tags[1], ==, "china");
  g_assert_cmpuint (byline_metadata_get_n_extra_keys (m), ==, 0);
}

static void
test_aliases (void)
{
  const char *text =
    "---\n"
    "date: 2024-01-05\n"
    "lastmod: 2024-02-01 10:00:00 +01:00\n"
    "summary: Short\n"
    "slug: my-post\n"
    "cover_image: img/c.jpg\n"
    "categories: [news]\n"
    "title: T\n"
    "---\n";
  g_autoptr(BylineMetadata) m = parse_ok (text, NULL);
  g_autofree char *out = NULL;

  g_assert_cmpstr (byline_metadata_get_published_at (m), ==, "2024-01-05");
  g_assert_cmpstr (byline_metadata_get_updated_at (m), ==, "2024-02-01 10:00:00 +01:00");
  g_assert_cmpstr (byline_metadata_get_description (m), ==, "Short");
  g_assert_cmpstr (byline_metadata_get_path (m), ==, "my-post");
  g_assert_cmpstr (byline_metadata_get_cover_image (m), ==, "img/c.jpg");
  g_assert_cmpuint (byline_metadata_get_n_extra_keys (m), ==, 1);
  g_assert_cmpstr (byline_metadata_get_extra_key (m, 0), ==, "categories");

  /* Aliases are written back under the name they were read with. */
  out = byline_front_matter_serialize (m);
  g_assert_nonnull (strstr (out, "\ndate: 2024-01-05\n"));
  g_assert_nonnull (strstr (out, "\nslug: my-post\n"));
  g_assert_nonnull (strstr (out, "\ncategories: [news]\n"));
  g_assert_null (strstr (out, "publishedAt"));

  {
    g_autoptr(BylineMetadata) again = parse_ok (out, NULL);
    g_assert_true (byline_metadata_equal (m, again));
  }
}

static void
test_canonical_wins (void)
{
  const char *text = "---\ndate: 2020-01-01\npublishedAt: 2021-01-01T00:00:00Z\n---\n";
  g_autoptr(BylineMetadata) m = parse_ok (text, NULL);

  g_assert_cmpstr (byline_metadata_get_published_at (m), ==, "2021-01-01T00:00:00Z");
  g_assert_cmpuint (byline_metadata_get_n_extra_keys (m), ==, 1);
  g_assert_cmpstr (byline_metadata_get_extra_key (m, 0), ==, "date");
}

static void
test_unknown_keys_round_trip (void)
{
  const char *text =
    "---\n"
    "title: T\n"
    "layout: post\n"
    "draft: true\n"
    "weight: 10\n"
    "quoted: 'single'\n"
    "dq: \"double\"\n"
    "block: |\n"
    "  line one\n"
    "  line two\n"
    "folded: >-\n"
    "  folded text\n"
    "nested:\n"
    "  a: 1\n"
    "  b: [x, 'y']\n"
    "  c:\n"
    "    - d: e\n"
    "tagged: !custom value\n"
    "anchor: &a { k: v }\n"
    "ref: *a\n"
    "empty:\n"
    "---\n"
    "Body\n";
  g_autoptr(BylineMetadata) m = parse_ok (text, NULL);
  g_autofree char *out = byline_front_matter_serialize (m);
  g_autoptr(BylineMetadata) again = NULL;
  g_autofree char *out2 = NULL;

  g_assert_cmpuint (byline_metadata_get_n_extra_keys (m), ==, 12);
  g_assert_cmpstr (byline_metadata_get_extra_key (m, 0), ==, "layout");
  g_assert_cmpstr (byline_metadata_get_extra_key (m, 11), ==, "empty");

  /* Every unknown value keeps its style. */
  g_assert_nonnull (strstr (out, "\nquoted: 'single'\n"));
  g_assert_nonnull (strstr (out, "\ndq: \"double\"\n"));
  g_assert_nonnull (strstr (out, "\nblock: |\n  line one\n  line two\n"));
  g_assert_nonnull (strstr (out, "\ntagged: !custom value\n"));
  g_assert_nonnull (strstr (out, "&a"));
  g_assert_nonnull (strstr (out, "ref: *a\n"));

  again = parse_ok (out, NULL);
  g_assert_true (byline_metadata_equal (m, again));
  out2 = byline_front_matter_serialize (again);
  g_assert_cmpstr (out, ==, out2);
}

static void
test_stable_order (void)
{
  g_autoptr(BylineMetadata) m = byline_metadata_new ();
  g_autofree char *out = NULL;
  const char *tags[] = { "a", "true", NULL };

  byline_metadata_set_tags (m, tags);
  byline_metadata_set_site (m, "https://example.com");
  byline_metadata_set_title (m, "2024");
  byline_metadata_set_published_at (m, "2026-01-01T00:00:00.000Z");

  out = byline_front_matter_serialize (m);
  g_assert_cmpstr (out, ==,
                   "---\n"
                   "title: \"2024\"\n"
                   "site: https://example.com\n"
                   "publishedAt: 2026-01-01T00:00:00.000Z\n"
                   "tags:\n"
                   "- a\n"
                   "- \"true\"\n"
                   "---\n");

  {
    g_autoptr(BylineMetadata) again = parse_ok (out, NULL);
    g_assert_cmpstr (byline_metadata_get_title (again), ==, "2024");
    g_assert_cmpstr (byline_metadata_get_tags (again)[1], ==, "true");
  }
}

static void
test_empty (void)
{
  g_autoptr(BylineMetadata) m = byline_metadata_new ();
  g_autoptr(BylineMetadata) none = NULL;
  g_autofree char *out = byline_front_matter_serialize (m);
  gsize body = 42;

  g_assert_cmpstr (out, ==, "");

  none = parse_ok ("# Just Markdown\n", &body);
  g_assert_cmpuint (body, ==, 0);
  g_assert_true (byline_metadata_is_empty (none));

  g_clear_object (&none);
  none = parse_ok ("---\n---\nBody", &body);
  g_assert_cmpuint (body, ==, 8);
  g_assert_true (byline_metadata_is_empty (none));
}

static void
test_unicode_not_escaped (void)
{
  g_autoptr(BylineMetadata) m = byline_metadata_new ();
  g_autofree char *out = NULL;

  byline_metadata_set_title (m, "Pékin mise sur l’IA 北京");
  out = byline_front_matter_serialize (m);
  g_assert_cmpstr (out, ==, "---\ntitle: Pékin mise sur l’IA 北京\n---\n");
}

static void
test_round_trip_values (void)
{
  /* Values the writer once wrote so that they read back different, or not at all. */
  static const char * const descriptions[] = {
    "Body\n- of it...\n",     /* a block value ending in "..." */
    "Body\n...\n",
  };
  static const char * const texts[] = {
    /* An empty plain scalar in a flow collection or as a key is a null, not "". */
    "---\nx: {a: , b}\ny: [a, ]\n? \n: v\n---\n",
    /* An alias with an empty value is dropped, and does not name the field. */
    "---\ndate: ''\nimage: \"\"\nsite: S\n---\n",
    /* A canonical key without value leaves the field to an alias with one, and known keys
     * without value are dropped. */
    "---\ndescription: !x ''\nsummary: S\npublishedAt:\ndate: 2024-01-05\nslug: s\nlastmod: &e\n---\n",
    /* The non-specific tag makes a string of "12"; it says nothing on a collection. */
    "---\nx: ! 12\ny: [! true, ! \"q\"]\nz: ! {a: ! [b]}\n---\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (descriptions); i++)
    {
      g_autoptr(BylineMetadata) m = byline_metadata_new ();
      g_autoptr(BylineMetadata) again = NULL;
      g_autofree char *out = NULL;

      byline_metadata_set_title (m, "T");
      byline_metadata_set_description (m, descriptions[i]);
      out = byline_front_matter_serialize (m);
      g_assert_true (g_str_has_suffix (out, "\n---\n"));
      again = parse_ok (out, NULL);
      g_assert_cmpstr (byline_metadata_get_description (again), ==, descriptions[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(BylineMetadata) m = parse_ok (texts[i], NULL);
      g_autoptr(BylineMetadata) again = NULL;
      g_autofree char *out = byline_front_matter_serialize (m);
      g_autofree char *out2 = NULL;

      again = parse_ok (out, NULL);
      out2 = byline_front_matter_serialize (again);
      g_assert_cmpstr (out2, ==, out);
      if (i == 0)
        g_assert_cmpstr (out, ==, "---\nx: {a: ~, b: ~}\ny: [a]\n~: v\n---\n");
      else if (i == 2)
        {
          g_assert_cmpstr (byline_metadata_get_description (m), ==, "S");
          g_assert_cmpstr (byline_metadata_get_published_at (m), ==, "2024-01-05");
          g_assert_cmpstr (out, ==, "---\nsummary: S\nslug: s\ndate: 2024-01-05\n---\n");
          g_assert_true (byline_metadata_equal (m, again));
        }
      else if (i == 1)
        {
          g_assert_cmpstr (out, ==, "---\nsite: S\n---\n");
          g_assert_true (byline_metadata_equal (m, again));
        }
      else
        g_assert_cmpstr (out, ==, "---\nx: '12'\ny: ['true', \"q\"]\nz: {a: [b]}\n---\n");
    }
}

static void
test_anchor_defined_again (void)
{
  /* An alias names the latest anchor of its name before it, also once written back. */
  const char *text =
    "---\n"
    "x: &a 1\n"
    "title: &a T\n"
    "y: *a\n"
    "z: &a [*a]\n"
    "w: *a\n"
    "recordFields: {r: *a}\n"
    "v: &a 2\n"
    "---\n";
  g_autoptr(BylineMetadata) m = parse_ok (text, NULL);
  g_autoptr(BylineMetadata) again = NULL;
  g_autofree char *out = byline_front_matter_serialize (m);
  g_autofree char *out2 = NULL;
  JsonArray *r;

  g_assert_cmpstr (byline_metadata_get_title (m), ==, "T");
  r = json_object_get_array_member (byline_metadata_get_record_fields (m), "r");
  g_assert_cmpuint (json_array_get_length (r), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (r, 0), ==, "T");

  g_assert_cmpstr (out, ==,
                   "---\n"
                   "title: T\n"
                   "recordFields:\n"
                   "  r:\n"
                   "  - T\n"
                   "x: &a 1\n"
                   "y: &a T\n"
                   "z: &a [*a]\n"
                   "w: *a\n"
                   "v: &a 2\n"
                   "---\n");
  again = parse_ok (out, NULL);
  g_assert_true (byline_metadata_equal (m, again));
  out2 = byline_front_matter_serialize (again);
  g_assert_cmpstr (out2, ==, out);
}

static void
expect_error (const char *text,
              int         code,
              const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineMetadata) m = byline_front_matter_parse (text, strlen (text), NULL, &error);

  g_assert_null (m);
  g_assert_error (error, BYLINE_FRONT_MATTER_ERROR, code);
  if (!g_str_has_prefix (error->message, message))
    g_error ("Expected “%s…”, got “%s”", message, error->message);
}

static void
test_syntax_error (void)
{
  /* "b: c" after a plain scalar on line 3 of the file. */
  expect_error ("---\ntitle: A\nsite: a: b\n---\n", BYLINE_FRONT_MATTER_ERROR_SYNTAX,
                "Front matter, line 3, column 8: mapping values are not allowed");
  expect_error ("---\ntitle: [unclosed\n---\n", BYLINE_FRONT_MATTER_ERROR_SYNTAX,
                "Front matter, line 2, column 8: this “[” is not closed");
  expect_error ("\xEF\xBB\xBF---\n\ttitle: tab\n---\n", BYLINE_FRONT_MATTER_ERROR_SYNTAX,
                "Front matter, line 2, column 1:");
}

static void
test_unclosed_bracket (void)
{
  /* libyaml notices at the end of the YAML: the message points at the bracket. */
  expect_error ("---\ntitle: A\ntags: [a, b\ndescription: long\n  text\n---\nbody\n",
                BYLINE_FRONT_MATTER_ERROR_SYNTAX,
                "Front matter, line 3, column 7: this “[” is not closed");
  expect_error ("\xEF\xBB\xBF---\ntitle: A\nrecordFields: {a: [1, 2]\n---\n",
                BYLINE_FRONT_MATTER_ERROR_SYNTAX,
                "Front matter, line 3, column 15: this “{” is not closed");
  expect_error ("---\ntitle: \"Pékin\ndescription: B\n---\n", BYLINE_FRONT_MATTER_ERROR_SYNTAX,
                "Front matter, line 2, column 8: this quote is not closed");
  /* A bracket closed too late on a line of its own is still an error where it is found. */
  expect_error ("---\ntags: [a,\n  b c: d: e]\n---\n", BYLINE_FRONT_MATTER_ERROR_SYNTAX,
                "Front matter, line 3,");
}

static void
test_duplicate_key (void)
{
  expect_error ("---\ntitle: A\ndescription: B\ntitle: C\n---\n",
                BYLINE_FRONT_MATTER_ERROR_DUPLICATE_KEY,
                "Front matter, line 4, column 1: duplicate key “title”");
  expect_error ("---\nbskyPostRef:\n  uri: a\n  uri: b\n---\n",
                BYLINE_FRONT_MATTER_ERROR_DUPLICATE_KEY,
                "Front matter, line 4, column 3: duplicate key “uri”");
  /* Both keys are null: written back, they would be spelt the same. */
  expect_error ("---\ntitle: T\n? \n: a\n~: b\n---\n", BYLINE_FRONT_MATTER_ERROR_DUPLICATE_KEY,
                "Front matter, line 5, column 1: duplicate key “~”");
  expect_error ("---\nx: {null: a, ? : b}\n---\n", BYLINE_FRONT_MATTER_ERROR_DUPLICATE_KEY,
                "Front matter, line 2, column 16: duplicate key");
}

static void
test_not_mapping (void)
{
  expect_error ("---\n- a\n- b\n---\n", BYLINE_FRONT_MATTER_ERROR_NOT_MAPPING,
                "Front matter, line 2, column 1: expected keys with values");
  expect_error ("---\njust text\n---\n", BYLINE_FRONT_MATTER_ERROR_NOT_MAPPING,
                "Front matter, line 2, column 1:");
}

static void
test_invalid_utf8 (void)
{
  expect_error ("---\ntitle: ok\ndescription: caf\xE9\n---\n", BYLINE_FRONT_MATTER_ERROR_ENCODING,
                "Front matter, line 3, column 17: the text is not valid UTF-8 (byte 0xE9)");
}

static void
test_invalid_value (void)
{
  expect_error ("---\ntitle:\n  a: b\n---\n", BYLINE_FRONT_MATTER_ERROR_INVALID_VALUE,
                "Front matter, line 3, column 3: “title” must be text, not a mapping");
  expect_error ("---\ntags:\n  - [nested]\n---\n", BYLINE_FRONT_MATTER_ERROR_INVALID_VALUE,
                "Front matter, line 3, column 5:");
}

static void
test_hostile_nesting (void)
{
  GString *s = g_string_new ("---\nx: ");

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (s, '[');
  g_string_append (s, "\n---\n");
  expect_error (s->str, BYLINE_FRONT_MATTER_ERROR_SYNTAX, "Front matter, line 2,");
  g_string_free (s, TRUE);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
changed_cb (BylineMetadata *metadata,
            guint          *count)
{
  (*count)++;
}

static void
test_notify_on_change (void)
{
  g_autoptr(BylineMetadata) m = byline_metadata_new ();
  g_autoptr(BylineMetadata) other = byline_metadata_new ();
  guint notified = 0, changed = 0;

  g_signal_connect (m, "notify", G_CALLBACK (notify_cb), &notified);
  g_signal_connect (m, "changed", G_CALLBACK (changed_cb), &changed);

  byline_metadata_set_title (m, "A");
  byline_metadata_set_title (m, "A");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (changed, ==, 1);

  byline_metadata_set_title (other, "A");
  byline_metadata_set_site (other, "https://x.org");
  byline_metadata_update (m, other);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (byline_metadata_equal (m, other));

  byline_metadata_update (m, other);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (changed, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/front-matter/find", test_find);
  g_test_add_func ("/front-matter/known-keys", test_known_keys);
  g_test_add_func ("/front-matter/aliases", test_aliases);
  g_test_add_func ("/front-matter/canonical-wins", test_canonical_wins);
  g_test_add_func ("/front-matter/unknown-keys-round-trip", test_unknown_keys_round_trip);
  g_test_add_func ("/front-matter/stable-order", test_stable_order);
  g_test_add_func ("/front-matter/empty", test_empty);
  g_test_add_func ("/front-matter/unicode-not-escaped", test_unicode_not_escaped);
  g_test_add_func ("/front-matter/round-trip-values", test_round_trip_values);
  g_test_add_func ("/front-matter/anchor-defined-again", test_anchor_defined_again);
  g_test_add_func ("/front-matter/error/syntax", test_syntax_error);
  g_test_add_func ("/front-matter/error/unclosed-bracket", test_unclosed_bracket);
  g_test_add_func ("/front-matter/error/duplicate-key", test_duplicate_key);
  g_test_add_func ("/front-matter/error/not-mapping", test_not_mapping);
  g_test_add_func ("/front-matter/error/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/front-matter/error/invalid-value", test_invalid_value);
  g_test_add_func ("/front-matter/error/hostile-nesting", test_hostile_nesting);
  g_test_add_func ("/metadata/notify-on-change", test_notify_on_change);

  return g_test_run ();
}
