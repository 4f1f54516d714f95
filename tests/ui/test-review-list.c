/* test-review-list.c
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
 * Review in the real window: the Review page of the side panel lists the suggestions and
 * comments in order; Accept, Reject, Accept All and Reject All change the text as one undoable
 * step each; F8 and Shift+F8 go from mark to mark.
 */

#include "config.h"

#include "byline-application.h"
#include "byline-page.h"
#include "byline-review-list.h"
#include "byline-test-utils.h"
#include "byline-text-mirror.h"
#include "byline-window.h"

static BylineApplication *app;

static const char draft[] =
  "---\n"
  "title: Night Train\n"
  "---\n"
  "\n"
  "The {~~carriage~>train~~}{>>Ann: simpler<<} rocked{++ gently++} past Linz.\n"
  "\n"
  "`{--code stays--}` and {--very --}slowly {==here==}{>>Bo: check the town<<}.\n";

static const char accepted_all[] =
  "---\n"
  "title: Night Train\n"
  "---\n"
  "\n"
  "The train rocked gently past Linz.\n"
  "\n"
  "`{--code stays--}` and slowly here.\n";

static const char rejected_all[] =
  "---\n"
  "title: Night Train\n"
  "---\n"
  "\n"
  "The carriage rocked past Linz.\n"
  "\n"
  "`{--code stays--}` and very slowly here.\n";

typedef struct
{
  GtkListBox *list_box;
  guint       n_rows;
} RowsWait;

static guint
n_rows (GtkListBox *list_box)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list_box, n) != NULL)
    n++;

  return n;
}

static gboolean
has_rows (gpointer data)
{
  RowsWait *wait = data;

  return n_rows (wait->list_box) == wait->n_rows &&
         gtk_widget_get_mapped (GTK_WIDGET (wait->list_box)) == (wait->n_rows > 0);
}

static void
wait_for_rows (GtkListBox *list_box,
               guint       n)
{
  byline_test_wait_until (has_rows, &(RowsWait) { list_box, n }, "the review list to follow the text");
}

static const char *
row_title (GtkListBox *list_box,
           guint       index)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list_box, index)));
}

static const char *
row_subtitle (GtkListBox *list_box,
              guint       index)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list_box, index)));
}

/* The button with @tooltip as its tooltip or its label. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *tooltip)
{
  if (GTK_IS_BUTTON (root) &&
      (g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0 ||
       g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), tooltip) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
click (GtkWidget  *root,
       const char *tooltip)
{
  GtkWidget *button = find_button (root, tooltip);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
assert_text (GtkTextBuffer *buffer,
             const char    *expected)
{
  g_autofree char *text = byline_test_buffer_text (buffer);

  g_assert_cmpstr (text, ==, expected);
}

static char *
selected_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
assert_selected (GtkTextBuffer *buffer,
                 const char    *expected)
{
  g_autofree char *text = selected_text (buffer);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_review_list (void)
{
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));
  BylineReviewList *review;
  GtkListBox *list_box;
  GtkTextBuffer *buffer;
  GtkWidget *view;
  GtkTextIter start;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "toggle-side-panel",
                                      g_variant_new_boolean (TRUE));

  review = BYLINE_REVIEW_LIST (byline_test_find_widget (GTK_WIDGET (window), BYLINE_TYPE_REVIEW_LIST));
  g_assert_nonnull (review);
  list_box = byline_review_list_get_list_box (review);
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (review), ADW_TYPE_VIEW_STACK)),
    "review");

  buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
  view = GTK_WIDGET (byline_page_get_view (byline_window_get_page (window)));
  gtk_text_buffer_set_text (buffer, draft, -1);

  /* In order, code left out, each with its kind, author and line. */
  wait_for_rows (list_box, 4);
  g_assert_cmpstr (row_title (list_box, 0), ==, "carriage → train");
  g_assert_cmpstr (row_subtitle (list_box, 0), ==, "Replacement · Ann · line 5 · simpler");
  g_assert_cmpstr (row_title (list_box, 1), ==, "gently");
  g_assert_cmpstr (row_subtitle (list_box, 1), ==, "Addition · line 5");
  g_assert_cmpstr (row_title (list_box, 2), ==, "very");
  g_assert_cmpstr (row_subtitle (list_box, 2), ==, "Deletion · line 7");
  g_assert_cmpstr (row_title (list_box, 3), ==, "here");
  g_assert_cmpstr (row_subtitle (list_box, 3), ==, "Highlight · Bo · line 7 · check the town");
  byline_test_save_screenshot (GTK_WIDGET (window), "review-list.png");

  /* F8 and Shift+F8 go from mark to mark, around the end. */
  gtk_widget_grab_focus (view);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  g_assert_true (gtk_widget_activate_action (view, "editor.review-next", NULL));
  assert_selected (buffer, "{~~carriage~>train~~}{>>Ann: simpler<<}");
  g_assert_true (gtk_widget_activate_action (view, "editor.review-next", NULL));
  assert_selected (buffer, "{++ gently++}");
  g_assert_true (gtk_widget_activate_action (view, "editor.review-previous", NULL));
  assert_selected (buffer, "{~~carriage~>train~~}{>>Ann: simpler<<}");
  g_assert_true (gtk_widget_activate_action (view, "editor.review-previous", NULL));
  assert_selected (buffer, "{==here==}{>>Bo: check the town<<}");
  if (byline_test_can_press_keys (view))
    {
      byline_test_press_keys (view, GDK_KEY_F8, 0);
      assert_selected (buffer, "{~~carriage~>train~~}{>>Ann: simpler<<}");
      byline_test_press_keys (view, GDK_KEY_F8, GDK_SHIFT_MASK);
      assert_selected (buffer, "{==here==}{>>Bo: check the town<<}");
    }

  /* A row goes to its mark. */
  g_signal_emit_by_name (list_box, "row-activated", gtk_list_box_get_row_at_index (list_box, 2));
  assert_selected (buffer, "{--very --}");

  /* Accept one: one undo brings it back. */
  click (GTK_WIDGET (gtk_list_box_get_row_at_index (list_box, 0)), "Accept");
  assert_text (buffer,
               "---\ntitle: Night Train\n---\n\n"
               "The train rocked{++ gently++} past Linz.\n\n"
               "`{--code stays--}` and {--very --}slowly {==here==}{>>Bo: check the town<<}.\n");
  wait_for_rows (list_box, 3);
  gtk_text_buffer_undo (buffer);
  assert_text (buffer, draft);
  wait_for_rows (list_box, 4);

  /* Reject one. */
  click (GTK_WIDGET (gtk_list_box_get_row_at_index (list_box, 1)), "Reject");
  assert_text (buffer,
               "---\ntitle: Night Train\n---\n\n"
               "The {~~carriage~>train~~}{>>Ann: simpler<<} rocked past Linz.\n\n"
               "`{--code stays--}` and {--very --}slowly {==here==}{>>Bo: check the town<<}.\n");
  gtk_text_buffer_undo (buffer);
  assert_text (buffer, draft);
  wait_for_rows (list_box, 4);

  /* A highlight with its comment is resolved: the text stays. */
  click (GTK_WIDGET (gtk_list_box_get_row_at_index (list_box, 3)), "Resolve");
  wait_for_rows (list_box, 3);
  gtk_text_buffer_undo (buffer);
  wait_for_rows (list_box, 4);

  /* All at once, one undo each. */
  click (GTK_WIDGET (review), "Accept All");
  assert_text (buffer, accepted_all);
  wait_for_rows (list_box, 0);
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (review), "Accept All")));
  gtk_text_buffer_undo (buffer);
  assert_text (buffer, draft);
  wait_for_rows (list_box, 4);
  click (GTK_WIDGET (review), "Reject All");
  assert_text (buffer, rejected_all);
  gtk_text_buffer_undo (buffer);
  assert_text (buffer, draft);

  byline_test_close_window (window);
}

static void
place_cursor_before (GtkTextBuffer *buffer,
                     const char    *needle)
{
  GtkTextIter start, match;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, needle, 0, &match, NULL, NULL));
  gtk_text_buffer_place_cursor (buffer, &match);
}

/* Suggest mode: typing makes additions and deleting makes deletions, signed with the name from
 * Preferences; typing in an addition extends it, deleting next to a deletion grows it; the
 * front matter is edited as text. */
static void
test_suggest_mode (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));
  BylineReviewList *review;
  GtkTextBuffer *buffer;
  GtkWidget *view;
  GtkWidget *toggle;
  gboolean suggesting = FALSE;
  GtkTextIter iter;

  g_settings_set_string (settings, "author-name", "Ed Itor");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "toggle-side-panel",
                                      g_variant_new_boolean (TRUE));
  review = BYLINE_REVIEW_LIST (byline_test_find_widget (GTK_WIDGET (window), BYLINE_TYPE_REVIEW_LIST));
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (review), ADW_TYPE_VIEW_STACK)),
    "review");
  buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
  view = GTK_WIDGET (byline_page_get_view (byline_window_get_page (window)));
  gtk_text_buffer_set_text (buffer, "---\ntitle: T\n---\n\nThe dog ran.\n", -1);

  /* The panel's toggle is the editor's mode. */
  toggle = find_button (GTK_WIDGET (review), "Suggest Changes (Ctrl+Shift+E)");
  g_assert_nonnull (toggle);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  g_object_get (view, "suggest-mode", &suggesting, NULL);
  g_assert_true (suggesting);

  /* Undo and redo are not edits to suggest. */
  place_cursor_before (buffer, "dog");
  byline_test_type_text (window, "x");
  assert_text (buffer, "---\ntitle: T\n---\n\nThe {++x++}{>>Ed Itor:<<}dog ran.\n");
  gtk_text_buffer_undo (buffer);
  assert_text (buffer, "---\ntitle: T\n---\n\nThe dog ran.\n");
  gtk_text_buffer_redo (buffer);
  assert_text (buffer, "---\ntitle: T\n---\n\nThe {++x++}{>>Ed Itor:<<}dog ran.\n");
  gtk_text_buffer_undo (buffer);

  /* Typing: one addition, that the next letters join. */
  place_cursor_before (buffer, "dog");
  byline_test_type_text (window, "big");
  byline_test_type_text (window, " ");
  assert_text (buffer, "---\ntitle: T\n---\n\nThe {++big ++}{>>Ed Itor:<<}dog ran.\n");

  /* Backspace: a deletion, the cursor before it, and the next backspaces grow it. */
  place_cursor_before (buffer, ".");
  for (guint i = 0; i < 3; i++)
    g_signal_emit_by_name (view, "backspace");
  assert_text (buffer, "---\ntitle: T\n---\n\nThe {++big ++}{>>Ed Itor:<<}dog {--ran--}{>>Ed Itor:<<}.\n");

  /* Delete: the cursor after the deletion, and it grows forward. */
  place_cursor_before (buffer, "dog");
  g_signal_emit_by_name (view, "delete-from-cursor", GTK_DELETE_CHARS, 1);
  g_signal_emit_by_name (view, "delete-from-cursor", GTK_DELETE_CHARS, 1);
  assert_text (buffer, "---\ntitle: T\n---\n\nThe {++big ++}{>>Ed Itor:<<}{--do--}{>>Ed Itor:<<}g {--ran--}{>>Ed Itor:<<}.\n");

  /* What the preview renders is the text: the edits suggest mode replaced left no trace. */
  {
    g_autoptr(GBytes) mirrored = byline_text_mirror_dup_bytes (
      byline_page_get_text_mirror (byline_window_get_page (window)));
    g_autofree char *text = byline_test_buffer_text (buffer);

    g_assert_cmpmem (g_bytes_get_data (mirrored, NULL), g_bytes_get_size (mirrored), text, strlen (text));
  }
  byline_test_wait_for_preview_text (window, "Ed Itor");
  byline_test_save_screenshot (GTK_WIDGET (window), "review-suggest-mode.png");

  /* The front matter is the panel's business: edited as text. */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 1, 8);
  gtk_text_buffer_place_cursor (buffer, &iter);
  byline_test_type_text (window, "ea");
  assert_text (buffer, "---\ntitle: Tea\n---\n\nThe {++big ++}{>>Ed Itor:<<}{--do--}{>>Ed Itor:<<}g {--ran--}{>>Ed Itor:<<}.\n");

  /* Accepted, the suggestions are the text. */
  g_assert_true (gtk_widget_activate_action (view, "editor.review-accept-all", NULL));
  assert_text (buffer, "---\ntitle: Tea\n---\n\nThe big g .\n");

  /* Ctrl+Shift+E's action turns it off; typing is typing again. */
  g_assert_true (gtk_widget_activate_action (view, "editor.suggest-mode", NULL));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  place_cursor_before (buffer, " .");
  byline_test_type_text (window, "nat");
  assert_text (buffer, "---\ntitle: Tea\n---\n\nThe big gnat .\n");

  g_settings_reset (settings, "author-name");
  byline_test_close_window (window);
}

typedef struct
{
  GtkTextBuffer *buffer;
  const char    *needle;
  const char    *tag;
  gboolean       tagged;
} TagWait;

static gboolean
has_tag_at (GtkTextBuffer *buffer,
            const char    *needle,
            const char    *name)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter start, match;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, needle, 0, &match, NULL, NULL));

  return tag != NULL && gtk_text_iter_has_tag (&match, tag);
}

static gboolean
tag_matches (gpointer data)
{
  TagWait *wait = data;

  return has_tag_at (wait->buffer, wait->needle, wait->tag) == wait->tagged;
}

static void
wait_for_tag (GtkTextBuffer *buffer,
              const char    *needle,
              const char    *tag,
              gboolean       tagged)
{
  g_autofree char *what = g_strdup_printf ("“%s” to be %s %s", needle,
                                           tagged ? "highlighted as" : "no longer", tag);

  byline_test_wait_until (tag_matches, &(TagWait) { buffer, needle, tag, tagged }, what);
}

/* A suggestion or comment over several lines of its paragraph is highlighted whole in the
 * editor; one left open, or one cut by a blank line, is not. */
static void
test_multiline_highlight (void)
{
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
  gtk_text_buffer_set_text (buffer,
                            "---\ntitle: T\n---\n\n"
                            "Before {++added over\nsecond line++}{>>Ann: why\nnot here<<} after.\n\n"
                            "A {~~stale\nphrase~>fresh\nwording~~} and {==marked\nspan==} end.\n\n"
                            "Open {++never\nclosed.\n\n"
                            "Cut {--by a\n\nblank--} line.\n\n"
                            "~~~\n\n{++in\ncode++}\n~~~\n\n"
                            "Last {++one\nto close\n", -1);

  wait_for_tag (buffer, "second line", "byline-critic-addition", TRUE);
  g_assert_true (has_tag_at (buffer, "added over", "byline-critic-addition"));
  g_assert_true (has_tag_at (buffer, "not here", "byline-critic-comment"));
  g_assert_false (has_tag_at (buffer, "not here", "byline-critic-addition"));
  g_assert_true (has_tag_at (buffer, "phrase~>", "byline-critic-deletion"));
  g_assert_true (has_tag_at (buffer, "wording", "byline-critic-addition"));
  g_assert_false (has_tag_at (buffer, "wording", "byline-critic-deletion"));
  g_assert_true (has_tag_at (buffer, "span==", "byline-critic-highlight"));
  g_assert_false (has_tag_at (buffer, " after.", "byline-critic-comment"));
  g_assert_false (has_tag_at (buffer, "closed.", "byline-critic-addition"));
  g_assert_false (has_tag_at (buffer, "blank--", "byline-critic-deletion"));
  byline_test_save_screenshot (GTK_WIDGET (window), "review-multiline.png");

  /* Closed later, a mark is coloured; the marks of the paragraphs not edited stay so. */
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, "closed.", 0, NULL, &end, NULL));
  gtk_text_buffer_insert (buffer, &end, "++}", -1);
  wait_for_tag (buffer, "closed.", "byline-critic-addition", TRUE);
  g_assert_true (has_tag_at (buffer, "second line", "byline-critic-addition"));
  g_assert_true (has_tag_at (buffer, "wording", "byline-critic-addition"));

  /* In a code fence a mark is text, even where an edit below a blank line inside the fence
   * has it read again. */
  g_assert_false (has_tag_at (buffer, "code++}", "byline-critic-addition"));
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, "code++}", 0, &start, NULL, NULL));
  gtk_text_buffer_insert (buffer, &start, "x", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_iter_backward_char (&end);
  gtk_text_buffer_insert (buffer, &end, "++}", -1);
  wait_for_tag (buffer, "to close", "byline-critic-addition", TRUE);
  g_assert_false (has_tag_at (buffer, "xcode++}", "byline-critic-addition"));

  /* Its closing gone, the mark is text again. */
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, "++}", 0, &start, &end, NULL));
  gtk_text_buffer_delete (buffer, &start, &end);
  wait_for_tag (buffer, "second line", "byline-critic-addition", FALSE);

  byline_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = byline_application_new ("io.github.byline.Byline.ReviewTests", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/Byline/Review/list-accept-reject-navigate", test_review_list);
  g_test_add_func ("/Byline/Review/suggest-mode", test_suggest_mode);
  g_test_add_func ("/Byline/Review/multiline-highlight", test_multiline_highlight);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return status;
}
