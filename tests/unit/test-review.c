/* test-review.c
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

#include "byline-review.h"

static GArray *
parse (const char *text)
{
  return byline_review_parse (text, strlen (text));
}

static char *
slice (const char *text,
       gsize       start,
       gsize       end)
{
  g_assert_cmpuint (start, <=, end);
  return g_strndup (text + start, end - start);
}

#define mark_at(marks, i) (&g_array_index ((marks), BylineReviewMark, (i)))

static void
assert_range (const char *text,
              gsize       start,
              gsize       end,
              const char *expected)
{
  g_autofree char *got = slice (text, start, end);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_review_kinds (void)
{
  const char *text = "One {++added++} two {--gone--}\nthree {~~old~>new~~} {==seen==}{>>Ann: why?<<} {>>note<<}\n";
  g_autoptr(GArray) marks = parse (text);
  const BylineReviewMark *m;

  g_assert_cmpuint (marks->len, ==, 5);

  m = mark_at (marks, 0);
  g_assert_cmpint (m->kind, ==, BYLINE_REVIEW_ADDITION);
  g_assert_cmpuint (m->line, ==, 1);
  assert_range (text, m->start, m->end, "{++added++}");
  assert_range (text, m->content_start, m->content_end, "added");
  g_assert_cmpuint (m->comment_start, ==, m->comment_end);

  m = mark_at (marks, 1);
  g_assert_cmpint (m->kind, ==, BYLINE_REVIEW_DELETION);
  assert_range (text, m->start, m->end, "{--gone--}");
  assert_range (text, m->content_start, m->content_end, "gone");

  m = mark_at (marks, 2);
  g_assert_cmpint (m->kind, ==, BYLINE_REVIEW_SUBSTITUTION);
  g_assert_cmpuint (m->line, ==, 2);
  assert_range (text, m->start, m->end, "{~~old~>new~~}");
  assert_range (text, m->content_start, m->content_end, "old");
  assert_range (text, m->new_start, m->new_end, "new");

  /* A comment right after a highlight belongs to it; the author comes before the colon. */
  m = mark_at (marks, 3);
  g_assert_cmpint (m->kind, ==, BYLINE_REVIEW_HIGHLIGHT);
  assert_range (text, m->start, m->end, "{==seen==}{>>Ann: why?<<}");
  assert_range (text, m->content_start, m->content_end, "seen");
  assert_range (text, m->comment_start, m->comment_end, "why?");
  assert_range (text, m->author_start, m->author_end, "Ann");

  m = mark_at (marks, 4);
  g_assert_cmpint (m->kind, ==, BYLINE_REVIEW_COMMENT);
  assert_range (text, m->start, m->end, "{>>note<<}");
  assert_range (text, m->comment_start, m->comment_end, "note");
  g_assert_cmpuint (m->author_start, ==, m->author_end);
}

static void
assert_count (const char *text,
              guint       expected)
{
  g_autoptr(GArray) marks = parse (text);

  g_assert_cmpuint (marks->len, ==, expected);
}

static void
test_review_code (void)
{
  /* Inside code spans and fenced code, marks are text; outside them, not. */
  assert_count ("`{++no++}` and {++yes++}\n", 1);
  assert_count ("``a ` {++no++}`` {++yes++}\n", 1);
  assert_count ("```\n{++no++}\n```\n{++yes++}\n", 1);
  assert_count ("~~~~ md\n{++no++}\n~~~\n{--still code--}\n~~~~\n{++yes++}\n", 1);
  assert_count ("   ```\n{++no++}\n", 0);
  /* An unclosed backtick is text, and the mark after it counts. */
  assert_count ("a ` b {++yes++}\n", 1);
  /* A code span inside a mark cannot close it. */
  {
    const char *text = "{++see `++}` here++}\n";
    g_autoptr(GArray) marks = parse (text);

    g_assert_cmpuint (marks->len, ==, 1);
    assert_range (text, mark_at (marks, 0)->content_start, mark_at (marks, 0)->content_end, "see `++}` here");
  }
  /* Escaped, it is text. */
  assert_count ("\\{++no++}\n", 0);
}

static void
test_review_front_matter (void)
{
  const char *text = "---\ntitle: \"{++not a mark++}\"\n---\n\nBody {--gone--}\n";
  g_autoptr(GArray) marks = parse (text);
  g_autofree char *lines = NULL;

  g_assert_cmpuint (marks->len, ==, 1);
  g_assert_cmpuint (mark_at (marks, 0)->line, ==, 5);
  g_assert_cmpuint (byline_review_count (text, strlen (text), &lines), ==, 1);
  g_assert_cmpstr (lines, ==, "5");
}

static void
test_review_hostile (void)
{
  /* Unbalanced: text. */
  assert_count ("{++never closed\n", 0);
  assert_count ("closed only++} and --}\n", 0);
  assert_count ("{++\n", 0);
  assert_count ("{", 0);
  assert_count ("{+", 0);
  /* A substitution without its arrow is no mark. */
  assert_count ("{~~old~~}\n", 0);
  /* Across a blank line or a fence: text. */
  assert_count ("{++one\n\ntwo++}\n", 0);
  assert_count ("{++one\n```\ntwo++}\n```\n", 0);
  /* Across lines of one paragraph: a mark. */
  assert_count ("{++one\ntwo++}\n", 1);
  /* Nested: the inner opening is text; the first closing ends the mark. */
  {
    const char *text = "{++a {--b--} c++} d--}\n";
    g_autoptr(GArray) marks = parse (text);

    g_assert_cmpuint (marks->len, ==, 1);
    assert_range (text, mark_at (marks, 0)->start, mark_at (marks, 0)->end, "{++a {--b--} c++}");
  }
  /* Empty marks are marks. */
  assert_count ("{++++} {----} {>><<}\n", 3);
  /* The author convention needs a short name without markup. */
  {
    const char *text = "{>>**Ann**: hi<<} {>>: hi<<}\n";
    g_autoptr(GArray) marks = parse (text);

    g_assert_cmpuint (marks->len, ==, 2);
    g_assert_cmpuint (mark_at (marks, 0)->author_start, ==, mark_at (marks, 0)->author_end);
    g_assert_cmpuint (mark_at (marks, 1)->author_start, ==, mark_at (marks, 1)->author_end);
  }
  /* NUL bytes and invalid UTF-8 are bytes like others. */
  {
    static const char text[] = "\xff{++\0++}\xfe";
    g_autoptr(GArray) marks = byline_review_parse (text, sizeof text - 1);

    g_assert_cmpuint (marks->len, ==, 1);
    g_assert_cmpuint (mark_at (marks, 0)->start, ==, 1);
    g_assert_cmpuint (mark_at (marks, 0)->end, ==, 8);
  }
  assert_count ("", 0);
}

static void
assert_resolved (const char *text,
                 gboolean    accept,
                 const char *expected)
{
  g_autofree char *got = byline_review_resolve_all (text, strlen (text), accept);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_review_resolve (void)
{
  const char *text = "A {++big ++}{--small --}dog {~~ran~>walked~~}{>>Ann:<<} {==here==}{>>Bo: sure?<<}.{>>note<<}\n`{++code++}`\n";

  assert_resolved (text, TRUE, "A big dog walked here.\n`{++code++}`\n");
  assert_resolved (text, FALSE, "A small dog ran here.\n`{++code++}`\n");
  assert_resolved ("no marks", TRUE, "no marks");
  assert_resolved ("", FALSE, "");

  /* One mark at a time. */
  {
    g_autoptr(GArray) marks = parse (text);
    g_autofree char *accepted = byline_review_resolution (text, mark_at (marks, 2), TRUE);
    g_autofree char *rejected = byline_review_resolution (text, mark_at (marks, 2), FALSE);

    g_assert_cmpuint (marks->len, ==, 5);
    assert_range (text, mark_at (marks, 2)->author_start, mark_at (marks, 2)->author_end, "Ann");
    g_assert_cmpstr (accepted, ==, "walked");
    g_assert_cmpstr (rejected, ==, "ran");
  }
}

static void
test_review_suggestion (void)
{
  g_autofree char *added = byline_review_suggestion (BYLINE_REVIEW_ADDITION, NULL, "new", "Ann Lee");
  g_autofree char *deleted = byline_review_suggestion (BYLINE_REVIEW_DELETION, "old", NULL, NULL);
  g_autofree char *replaced = byline_review_suggestion (BYLINE_REVIEW_SUBSTITUTION, "a", "b", "Ed: {x}");
  g_autoptr(GArray) marks = NULL;

  g_assert_cmpstr (added, ==, "{++new++}{>>Ann Lee:<<}");
  g_assert_cmpstr (deleted, ==, "{--old--}");
  g_assert_cmpstr (replaced, ==, "{~~a~>b~~}{>>Ed   x:<<}");

  /* What it writes reads back as one mark with its author. */
  marks = parse (added);
  g_assert_cmpuint (marks->len, ==, 1);
  assert_range (added, mark_at (marks, 0)->author_start, mark_at (marks, 0)->author_end, "Ann Lee");
  g_assert_cmpuint (mark_at (marks, 0)->end, ==, strlen (added));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/kinds", test_review_kinds);
  g_test_add_func ("/review/code", test_review_code);
  g_test_add_func ("/review/front-matter", test_review_front_matter);
  g_test_add_func ("/review/hostile", test_review_hostile);
  g_test_add_func ("/review/resolve", test_review_resolve);
  g_test_add_func ("/review/suggestion", test_review_suggestion);

  return g_test_run ();
}
