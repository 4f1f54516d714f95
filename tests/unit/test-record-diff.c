/* test-record-diff.c
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

#include "byline-record-diff.h"

static JsonObject *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
assert_words (const char *before,
              const char *after,
              guint       expected_added,
              guint       expected_removed)
{
  guint added = G_MAXUINT, removed = G_MAXUINT;

  byline_word_diff_count (before, after, &added, &removed);
  g_assert_cmpuint (added, ==, expected_added);
  g_assert_cmpuint (removed, ==, expected_removed);
}

static void
test_words (void)
{
  assert_words ("", "", 0, 0);
  assert_words (NULL, "one two", 2, 0);
  assert_words ("one two", NULL, 0, 2);
  assert_words ("The night train leaves at ten.", "The night train leaves at ten.", 0, 0);
  /* Spacing is not a change. */
  assert_words ("The  night\ntrain", "The night train", 0, 0);
  /* A word changed: one out, one in. */
  assert_words ("The night train leaves at ten.", "The night train leaves at eleven.", 1, 1);
  /* Inserted in the middle, and removed at the start. */
  assert_words ("a b c d e", "b c x y d e", 2, 1);
  /* Moved: the common subsequence keeps the longer run in place. */
  assert_words ("one two three four", "three four one two", 2, 2);
  /* Not only ASCII. */
  assert_words ("Nachtzüge fahren wieder", "Nachtzüge fahren bald wieder", 1, 0);
}

static void
test_long_texts (void)
{
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);

  /* Long enough that the table would be too big: the count stays right for additions and
   * removals spread over the text. */
  for (guint i = 0; i < 5000; i++)
    {
      g_string_append_printf (before, "w%u ", i);
      if (i % 100 != 0)
        g_string_append_printf (after, "w%u ", i);
      if (i % 250 == 0)
        g_string_append (after, "new ");
    }

  assert_words (before->str, after->str, 20, 50);
}

static const char ours_json[] =
  "{\"$type\": \"site.standard.document\", \"title\": \"Night Trains\","
  " \"site\": \"https://example.com\", \"path\": \"/night-trains\","
  " \"tags\": [\"rail\", \"travel\"], \"publishedAt\": \"2026-03-05T20:30:00.000Z\","
  " \"updatedAt\": \"2026-12-07T10:00:00.000Z\","
  " \"coverImage\": {\"$type\": \"blob\", \"ref\": {\"$link\": \"bafkreione\"},"
  " \"mimeType\": \"image/png\", \"size\": 10},"
  " \"content\": {\"$type\": \"at.markpub.markdown\", \"text\": {\"markdown\":"
  " \"\\nNight trains come back every twenty years.\\n\"}},"
  " \"textContent\": \"Night trains come back every twenty years.\"}";

static void
test_same_record (void)
{
  g_autoptr(JsonObject) ours = parse (ours_json);
  g_autoptr(JsonObject) theirs = parse (ours_json);
  g_autofree char *summary = NULL;

  /* The publish being tried has a new updatedAt; the published one has the last publish's. */
  json_object_set_string_member (theirs, "updatedAt", "2026-03-05T20:30:00Z");
  g_assert_cmpint (byline_record_diff (ours, theirs, "2026-03-05T20:30:00.000Z"), ==,
                   BYLINE_RECORD_CHANGE_NONE);

  summary = byline_record_diff_describe (ours, theirs, "2026-03-05T20:30:00.000Z");
  g_assert_nonnull (strstr (summary, "same text and fields"));
}

static void
test_changed_record (void)
{
  g_autoptr(JsonObject) ours = parse (ours_json);
  g_autoptr(JsonObject) theirs = parse (
    "{\"$type\": \"site.standard.document\", \"title\": \"Night Trains Return\","
    " \"description\": \"Twenty years on.\","
    " \"site\": \"https://example.com\", \"path\": \"/night-trains-return\","
    " \"tags\": [\"rail\"], \"publishedAt\": \"2026-03-05T20:30:00Z\","
    " \"updatedAt\": \"2026-11-02T10:00:00.000Z\","
    " \"content\": {\"$type\": \"at.markpub.markdown\", \"text\": {\"markdown\":"
    " \"\\nNight trains came back after twenty long years.\\n\"}}}");
  g_autofree char *summary = NULL;
  BylineRecordChange changes;

  changes = byline_record_diff (ours, theirs, "2026-03-05T20:30:00.000Z");
  g_assert_cmpint (changes, ==, BYLINE_RECORD_CHANGE_TITLE | BYLINE_RECORD_CHANGE_DESCRIPTION |
                                BYLINE_RECORD_CHANGE_PATH | BYLINE_RECORD_CHANGE_TAGS |
                                BYLINE_RECORD_CHANGE_COVER | BYLINE_RECORD_CHANGE_UPDATED_AT |
                                BYLINE_RECORD_CHANGE_TEXT);

  summary = byline_record_diff_describe (ours, theirs, "2026-03-05T20:30:00.000Z");
  g_test_message ("%s", summary);
  g_assert_nonnull (strstr (summary, "differs from this article"));
  g_assert_nonnull (strstr (summary, "Title: “Night Trains Return”"));
  g_assert_nonnull (strstr (summary, "Description: “Twenty years on.”"));
  g_assert_nonnull (strstr (summary, "Path: “/night-trains-return”"));
  g_assert_nonnull (strstr (summary, "Tags: “rail”"));
  g_assert_nonnull (strstr (summary, "Cover image: none"));
  /* "come back every" became "came back after ... long": 3 words in, 2 out. */
  g_assert_nonnull (strstr (summary, "Text: 3 words added, 2 removed"));
  g_assert_null (strstr (summary, "Site"));
  g_assert_null (strstr (summary, "Published:"));
  g_assert_nonnull (strstr (summary, "says it was updated"));
}

static char *
render_chunks (GPtrArray *chunks)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < chunks->len; i++)
    {
      BylineWordDiffChunk *chunk = g_ptr_array_index (chunks, i);

      g_string_append_printf (out, chunk->kind == BYLINE_WORD_DIFF_SAME ? "%s" :
                                   chunk->kind == BYLINE_WORD_DIFF_ADDED ? "{+%s+}" : "[-%s-]",
                              chunk->text);
    }

  return g_string_free (out, FALSE);
}

static void
assert_word_diff (const char *before,
                  const char *after,
                  const char *expected)
{
  g_autoptr(GPtrArray) chunks = byline_word_diff (before, after);
  g_autofree char *shown = render_chunks (chunks);
  g_autoptr(GString) rebuilt = g_string_new (NULL);

  g_assert_cmpstr (shown, ==, expected);

  /* The same and added chunks give the later version back exactly. */
  for (guint i = 0; i < chunks->len; i++)
    {
      BylineWordDiffChunk *chunk = g_ptr_array_index (chunks, i);

      if (chunk->kind != BYLINE_WORD_DIFF_REMOVED)
        g_string_append (rebuilt, chunk->text);
    }
  g_assert_cmpstr (rebuilt->str, ==, after ? after : "");
}

static void
test_word_chunks (void)
{
  assert_word_diff ("", "", "");
  assert_word_diff ("same words", "same words", "same words");
  assert_word_diff ("The boats come in early.", "The boats come in late.",
                    "The boats come in [-early.-]{+late.+}");
  assert_word_diff ("a b c", "a x c", "a [-b-]{+x+} c");
  assert_word_diff ("one two three four", "one four", "one[- two three-] four");
  assert_word_diff ("one four", "one two three four", "one {+two three+} four");
  assert_word_diff (NULL, "new text", "{+new text+}");
  assert_word_diff ("old text", "", "[-old text-]");
  /* Spacing alone is no change; the later spacing is kept. */
  assert_word_diff ("a  b\nc", "a b c", "a b c");
  assert_word_diff ("first line\nsecond line\n", "first line\nsecond row\n",
                    "first line\nsecond [-line-]{+row+}\n");
}

static void
test_unified (void)
{
  g_autoptr(JsonObject) theirs = parse ("{\"$type\": \"site.standard.document\","
                                               " \"title\": \"Harbour\", \"site\": \"https://a.example\","
                                               " \"tags\": [\"sea\"], \"publishedAt\": \"2026-03-05T20:30:00Z\"}");
  g_autoptr(JsonObject) ours = parse ("{\"$type\": \"site.standard.document\","
                                             " \"title\": \"The Harbour\", \"site\": \"https://a.example\","
                                             " \"tags\": [\"sea\", \"travel\"],"
                                             " \"publishedAt\": \"2026-03-05T20:30:00.000Z\"}");
  g_autofree char *same = NULL;
  g_autofree char *diff = NULL;
  g_autoptr(GPtrArray) fields = byline_record_diff_fields (ours, theirs);

  g_assert_cmpuint (fields->len, ==, 2);
  g_assert_cmpstr (((BylineFieldChange *) g_ptr_array_index (fields, 0))->member, ==, "title");
  g_assert_cmpstr (((BylineFieldChange *) g_ptr_array_index (fields, 1))->theirs, ==, "sea");
  g_assert_cmpstr (((BylineFieldChange *) g_ptr_array_index (fields, 1))->ours, ==, "sea, travel");

  same = byline_record_diff_unified (theirs, "Body\n", theirs, "Body\n", "a.md", "record");
  g_assert_cmpstr (same, ==, "");

  diff = byline_record_diff_unified (ours, "One\nTwo\nThree boats\nFour\nFive\nSix\n", theirs,
                                     "One\nTwo\nThree ships\nFour\nFive\nSix\n", "a.md", "record");
  g_assert_cmpstr (diff, ==,
                   "--- record\n"
                   "+++ a.md\n"
                   "@@ title @@\n"
                   "-Harbour\n"
                   "+The Harbour\n"
                   "@@ tags @@\n"
                   "-sea\n"
                   "+sea, travel\n"
                   "@@ body, line 2 @@\n"
                   " Two\n"
                   "~Three [-ships-]{+boats+}\n"
                   " Four\n");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record-diff/words", test_words);
  g_test_add_func ("/record-diff/long-texts", test_long_texts);
  g_test_add_func ("/record-diff/same-record", test_same_record);
  g_test_add_func ("/record-diff/changed-record", test_changed_record);
  g_test_add_func ("/record-diff/word-chunks", test_word_chunks);
  g_test_add_func ("/record-diff/unified", test_unified);

  return g_test_run ();
}
