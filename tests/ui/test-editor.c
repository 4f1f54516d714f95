/* test-editor.c
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
 * The source editor in the real window: formatting actions, undo, and list editing through
 * editor.newline / editor.indent / editor.outdent, which are what Enter, Tab and Shift+Tab
 * reach. Runs under Xvfb and a private session bus.
 */

#include "config.h"

#include "byline-application.h"
#include "byline-page.h"
#include "byline-source-view.h"
#include "byline-test-utils.h"
#include "byline-window.h"

static BylineApplication *app;
static BylineWindow *window;

static GtkWidget *
get_view (void)
{
  GtkWidget *view = GTK_WIDGET (byline_page_get_view (byline_window_get_page (window)));

  g_assert_true (BYLINE_IS_SOURCE_VIEW (view));

  return view;
}

static GtkTextBuffer *
get_buffer (void)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (get_view ()));
}

static void
set_text (const char *text)
{
  GtkTextBuffer *buffer = get_buffer ();

  gtk_text_buffer_set_text (buffer, text, -1);
}

static char *
get_text (void)
{
  GtkTextBuffer *buffer = get_buffer ();
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
get_selected_text (void)
{
  GtkTextBuffer *buffer = get_buffer ();
  GtkTextIter start, end;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
select_offsets (int start_offset,
                int end_offset)
{
  GtkTextBuffer *buffer = get_buffer ();
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, end_offset);
  gtk_text_buffer_select_range (buffer, &start, &end);
}

static void
place_cursor_at_end (void)
{
  GtkTextBuffer *buffer = get_buffer ();
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
}

static void
activate (const char *action)
{
  g_assert_true (gtk_widget_activate_action (get_view (), action, NULL));
}

static void
assert_text (const char *expected)
{
  g_autofree char *text = get_text ();

  g_assert_cmpstr (text, ==, expected);
}

static void
undo (void)
{
  GtkTextBuffer *buffer = get_buffer ();

  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  gtk_text_buffer_undo (buffer);
}

static void
test_inline_formatting (void)
{
  g_autofree char *selected = NULL;
  g_autofree char *url = NULL;

  set_text ("Some words here");

  select_offsets (5, 10);
  activate ("editor.bold");
  assert_text ("Some **words** here");
  selected = get_selected_text ();
  g_assert_cmpstr (selected, ==, "words");

  /* The same action again unwraps. */
  activate ("editor.bold");
  assert_text ("Some words here");

  activate ("editor.italic");
  assert_text ("Some _words_ here");
  undo ();
  assert_text ("Some words here");

  select_offsets (5, 10);
  activate ("editor.link");
  assert_text ("Some [words](url) here");
  url = get_selected_text ();
  g_assert_cmpstr (url, ==, "url");

  /* One undo takes the whole link away. */
  undo ();
  assert_text ("Some words here");

  select_offsets (5, 10);
  activate ("editor.toggle-code");
  assert_text ("Some `words` here");
}

static void
test_line_formatting (void)
{
  set_text ("Title\nfirst\nsecond\n");

  select_offsets (0, 0);
  activate ("editor.heading-up");
  assert_text ("###### Title\nfirst\nsecond\n");
  for (int i = 0; i < 5; i++)
    activate ("editor.heading-up");
  assert_text ("# Title\nfirst\nsecond\n");
  activate ("editor.heading-up");
  assert_text ("# Title\nfirst\nsecond\n");
  activate ("editor.heading-down");
  assert_text ("## Title\nfirst\nsecond\n");
  undo ();
  assert_text ("# Title\nfirst\nsecond\n");

  /* "first" and "second"; the selection ends at the start of the last line, which stays out. */
  set_text ("Title\nfirst\nsecond\nafter");
  select_offsets (6, 19);
  activate ("editor.toggle-list");
  assert_text ("Title\n- first\n- second\nafter");
  select_offsets (6, 23);
  activate ("editor.toggle-list");
  assert_text ("Title\nfirst\nsecond\nafter");

  select_offsets (6, 19);
  activate ("editor.toggle-quote");
  assert_text ("Title\n> first\n> second\nafter");
  undo ();
  assert_text ("Title\nfirst\nsecond\nafter");

  select_offsets (6, 19);
  activate ("editor.toggle-code");
  assert_text ("Title\n```\nfirst\nsecond\n```\nafter");
  /* Selecting the fenced block and toggling again removes the fences. */
  select_offsets (6, 27);
  activate ("editor.toggle-code");
  assert_text ("Title\nfirst\nsecond\nafter");
}

static void
test_lists (void)
{
  set_text ("- one");
  place_cursor_at_end ();
  activate ("editor.newline");
  assert_text ("- one\n- ");
  byline_test_type_text (window, "two");
  activate ("editor.newline");
  assert_text ("- one\n- two\n- ");

  /* Tab nests the new item, Shift+Tab brings it back. */
  activate ("editor.indent");
  assert_text ("- one\n- two\n  - ");
  activate ("editor.outdent");
  assert_text ("- one\n- two\n- ");

  /* Enter on an empty item ends the list. */
  activate ("editor.newline");
  assert_text ("- one\n- two\n");
  activate ("editor.newline");
  assert_text ("- one\n- two\n\n");

  set_text ("9. nine");
  place_cursor_at_end ();
  activate ("editor.newline");
  assert_text ("9. nine\n10. ");
  activate ("editor.indent");
  assert_text ("9. nine\n   10. ");

  set_text ("- [x] done");
  place_cursor_at_end ();
  activate ("editor.newline");
  assert_text ("- [x] done\n- [ ] ");
  /* One undo takes the continuation away. */
  undo ();
  assert_text ("- [x] done");

  /* Outside a list, Enter is a plain newline and Tab does nothing to the text. */
  set_text ("plain");
  place_cursor_at_end ();
  activate ("editor.newline");
  assert_text ("plain\n");
  activate ("editor.indent");
  assert_text ("plain\n");
}

typedef struct
{
  GtkWidget  *view;
  const char *expected;
} StatusWait;

static gboolean
status_is (gpointer data)
{
  StatusWait *wait = data;

  return g_strcmp0 (byline_source_view_get_status_text (BYLINE_SOURCE_VIEW (wait->view)),
                    wait->expected) == 0;
}

static void
wait_for_status (const char *expected)
{
  StatusWait wait = { get_view (), expected };

  byline_test_wait_until (status_is, &wait, expected);
}

static void
test_status (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  set_text ("One two three.\nFour");
  place_cursor_at_end ();
  wait_for_status ("4 words · 18 characters · 1 min read");

  /* The selection is counted on its own. */
  select_offsets (4, 13);
  wait_for_status ("Selection: 2 words · 9 characters · 1 min read");

  for (guint i = 0; i < 401; i++)
    g_string_append (text, "word ");
  set_text (text->str);
  place_cursor_at_end ();
  wait_for_status ("401 words · 2005 characters · 3 min read");

  set_text ("");
  wait_for_status ("0 words · 0 characters · 0 min read");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = byline_application_new ("io.github.byline.Byline.EditorTests", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_hold (G_APPLICATION (app));

  window = byline_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (get_view ());

  g_test_add_func ("/Byline/Editor/inline-formatting", test_inline_formatting);
  g_test_add_func ("/Byline/Editor/line-formatting", test_line_formatting);
  g_test_add_func ("/Byline/Editor/lists", test_lists);
  g_test_add_func ("/Byline/Editor/status", test_status);

  status = g_test_run ();

  byline_test_close_window (window);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return status;
}
