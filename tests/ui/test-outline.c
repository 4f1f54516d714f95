/* test-outline.c
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
 * The outline in the side panel of the real window: it lists the article's headings as the
 * renderer finds them, sends the editor and the preview to a heading, follows the cursor's
 * section, and follows edits. Runs under Xvfb and a private session bus.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "byline-application.h"
#include "byline-outline.h"
#include "byline-page.h"
#include "byline-test-utils.h"
#include "byline-window.h"

#define N_SECTIONS 16

static BylineApplication *app;

static GtkTextBuffer *
buffer_of (BylineWindow *window)
{
  return GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
}

static guint
cursor_line (BylineWindow *window)
{
  GtkTextBuffer *buffer = buffer_of (window);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));

  return gtk_text_iter_get_line (&iter) + 1;
}

static void
place_cursor_on_line (BylineWindow *window,
                      guint         line)
{
  GtkTextBuffer *buffer = buffer_of (window);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line (buffer, &iter, line - 1);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

/* The line of the first line of @buffer that is @text, from 1. */
static guint
line_of (BylineWindow *window,
         const char   *text)
{
  GtkTextBuffer *buffer = buffer_of (window);
  GtkTextIter start, match;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, text, 0, &match, NULL, NULL));
  g_assert_true (gtk_text_iter_starts_line (&match));

  return gtk_text_iter_get_line (&match) + 1;
}

static guint
n_rows (GtkListBox *list_box)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list_box, n) != NULL)
    n++;

  return n;
}

static const char *
row_text (GtkListBox *list_box,
          guint       index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box, index);

  g_assert_nonnull (row);

  return gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (row)));
}

static int
selected_index (GtkListBox *list_box)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list_box);

  return row != NULL ? gtk_list_box_row_get_index (row) : -1;
}

typedef struct
{
  GtkListBox *list_box;
  guint       n_rows;
  guint       index;
  const char *text;
} RowsWait;

static gboolean
rows_are (gpointer data)
{
  RowsWait *wait = data;

  return n_rows (wait->list_box) == wait->n_rows &&
         (wait->text == NULL ||
          g_strcmp0 (row_text (wait->list_box, wait->index), wait->text) == 0);
}

static void
wait_for_rows (GtkListBox *list_box,
               guint       n,
               guint       index,
               const char *text)
{
  RowsWait wait = { list_box, n, index, text };
  g_autofree char *what = g_strdup_printf ("the outline to list %u headings, “%s” at %u",
                                           n, text ? text : "", index);

  byline_test_wait_until (rows_are, &wait, what);
}

/* Whether the preview shows the heading titled @text whole, inside its window. */
static void
wait_for_heading_in_preview (BylineWindow *window,
                             const char   *text)
{
  g_autofree char *script = g_strdup_printf (
    "(() => { const h = [...document.querySelectorAll('#byline-article h1, #byline-article h2,"
    " #byline-article h3')].find(e => e.textContent === '%s');"
    " if (!h) return 'missing';"
    " const r = h.getBoundingClientRect();"
    " return String(r.top >= 0 && r.bottom <= window.innerHeight); })()", text);

  byline_test_wait_for_js (window, script, "true");
}

typedef struct
{
  GtkTextView *view;
  guint        line;
} LineWait;

static gboolean
line_is_visible (gpointer data)
{
  LineWait *wait = data;
  GdkRectangle visible, location;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line (gtk_text_view_get_buffer (wait->view), &iter, wait->line - 1);
  gtk_text_view_get_visible_rect (wait->view, &visible);
  gtk_text_view_get_iter_location (wait->view, &iter, &location);

  return location.y >= visible.y && location.y + location.height <= visible.y + visible.height;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static char *
make_article (void)
{
  GString *out = g_string_new ("---\ntitle: A Long Read\n---\n\n");

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      g_string_append_printf (out, "## Section %u\n\n", i);
      for (guint p = 0; p < 3; p++)
        g_string_append_printf (out, "Paragraph %u of section %u, long enough to wrap on a narrow "
                                     "window and to give the section some height in both views. "
                                     "It goes on a little more.\n\n", p, i);
      if (i % 5 == 2)
        g_string_append_printf (out, "### Details of *section* `%u`\n\nThe details.\n\n", i);
    }

  g_string_append (out, "Closing Words\n=============\n\nThe end.\n");

  return g_string_free (out, FALSE);
}

static void
test_outline (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "article.md", NULL);
  g_autofree char *article = make_article ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineWindow *window;
  BylineOutline *outline;
  GtkListBox *list_box;
  GtkListBoxRow *row;
  GtkWidget *view;
  GtkWidget *empty;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  guint n_headings = N_SECTIONS + 3 + 1;  /* sections, details, the closing words */
  guint line;

  g_assert_true (g_file_set_contents (path, article, -1, NULL));

  window = byline_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "toggle-side-panel",
                                      g_variant_new_boolean (TRUE));

  outline = BYLINE_OUTLINE (byline_test_find_widget (GTK_WIDGET (window), BYLINE_TYPE_OUTLINE));
  g_assert_nonnull (outline);
  list_box = byline_outline_get_list_box (outline);
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (outline), ADW_TYPE_VIEW_STACK)),
    "outline");

  /* A new article has no headings: the outline says so. */
  g_assert_true (byline_outline_get_page (outline) == GTK_WIDGET (byline_window_get_page (window)));
  g_assert_cmpuint (n_rows (list_box), ==, 0);
  empty = byline_test_find_widget (GTK_WIDGET (outline), ADW_TYPE_STATUS_PAGE);
  byline_test_wait_until (is_mapped, empty, "the outline to say it has no headings");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty)), ==, "No Headings");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (list_box)));

  byline_window_open_file (window, file);
  byline_test_wait_for_document (BYLINE_DOCUMENT (buffer_of (window)));
  g_assert_true (byline_outline_get_page (outline) == GTK_WIDGET (byline_window_get_page (window)));
  buffer = buffer_of (window);
  view = GTK_WIDGET (byline_page_get_view (byline_window_get_page (window)));

  /* Every heading, in order, markup stripped; level 2 is the outermost here. */
  wait_for_rows (list_box, n_headings, n_headings - 1, "Closing Words");
  g_assert_cmpstr (row_text (list_box, 0), ==, "Section 0");
  g_assert_cmpstr (row_text (list_box, 3), ==, "Details of section 2");
  g_assert_cmpstr (row_text (list_box, 4), ==, "Section 3");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list_box)));
  g_assert_cmpint (gtk_widget_get_margin_start (gtk_list_box_row_get_child (
                     gtk_list_box_get_row_at_index (list_box, 3))), >,
                   gtk_widget_get_margin_start (gtk_list_box_row_get_child (
                     gtk_list_box_get_row_at_index (list_box, 4))));
  byline_test_wait_for_preview_text (window, "Closing Words");

  /* Screen readers hear each row's level with its text. */
  gtk_test_accessible_assert_property (gtk_list_box_get_row_at_index (list_box, 3),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Heading level 3: Details of section 2");
  gtk_test_accessible_assert_property (gtk_list_box_get_row_at_index (list_box, 4),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Heading level 2: Section 3");

  /* Activating a row far down, as Enter or a click does, sends both views there. */
  place_cursor_on_line (window, 1);
  row = gtk_list_box_get_row_at_index (list_box, 17);
  g_assert_cmpstr (row_text (list_box, 17), ==, "Section 14");
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (row)));
  g_assert_true (gtk_list_box_row_get_activatable (row));
  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_signal_emit_by_name (row, "activate");

  line = line_of (window, "## Section 14\n");
  g_assert_cmpuint (cursor_line (window), ==, line);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_true (gtk_text_iter_starts_line (&iter));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == view);
  byline_test_wait_until (line_is_visible, &(LineWait) { GTK_TEXT_VIEW (view), line },
                          "the editor to show the heading");
  wait_for_heading_in_preview (window, "Section 14");
  g_assert_cmpint (selected_index (list_box), ==, 17);
  byline_test_save_screenshot (GTK_WIDGET (window), "outline.png");

  /* The action on its own, as the tests and other callers may use it. */
  line = line_of (window, "Closing Words\n");
  gtk_widget_activate_action (GTK_WIDGET (byline_window_get_page (window)),
                              "page.go-to-line", "i", (int)line);
  g_assert_cmpuint (cursor_line (window), ==, line);
  wait_for_heading_in_preview (window, "Closing Words");
  g_assert_cmpint (selected_index (list_box), ==, n_headings - 1);

  /* The current section follows the cursor: the heading at or above its line. */
  place_cursor_on_line (window, line_of (window, "Paragraph 1 of section 3,"));
  g_assert_cmpint (selected_index (list_box), ==, 4);
  place_cursor_on_line (window, line_of (window, "The details.") );
  g_assert_cmpint (selected_index (list_box), ==, 3);
  place_cursor_on_line (window, line_of (window, "## Section 0\n"));
  g_assert_cmpint (selected_index (list_box), ==, 0);
  place_cursor_on_line (window, 2);
  g_assert_cmpint (selected_index (list_box), ==, -1);

  /* Renaming a heading renames its row; a new heading adds one, in its place. */
  line = line_of (window, "## Section 5\n");
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, line - 1, 3);
  gtk_text_buffer_insert (buffer, &iter, "The ", -1);
  wait_for_rows (list_box, n_headings, 6, "The Section 5");
  g_assert_cmpstr (row_text (list_box, 7), ==, "Section 6");

  gtk_text_buffer_get_iter_at_line (buffer, &iter, line_of (window, "## Section 6\n") - 1);
  gtk_text_buffer_insert (buffer, &iter, "# A New Part\n\n", -1);
  wait_for_rows (list_box, n_headings + 1, 7, "A New Part");
  g_assert_cmpstr (row_text (list_box, 8), ==, "Section 6");

  /* A heading that comes or goes leaves the other rows as they are: they are not made or
   * labelled again (a long article has thousands). */
  {
    GtkListBoxRow *kept = gtk_list_box_get_row_at_index (list_box, 12);
    GtkTextIter end;

    g_assert_cmpstr (row_text (list_box, 12), ==, "Section 9");
    gtk_text_buffer_get_iter_at_line (buffer, &iter, line_of (window, "## Section 8\n") - 1);
    gtk_text_buffer_insert (buffer, &iter, "## Interlude\n\n", -1);
    wait_for_rows (list_box, n_headings + 2, 11, "Interlude");
    g_assert_true (gtk_list_box_get_row_at_index (list_box, 13) == kept);
    g_assert_cmpstr (row_text (list_box, 12), ==, "Section 8");

    line = line_of (window, "## Interlude\n");
    gtk_text_buffer_get_iter_at_line (buffer, &iter, line - 1);
    gtk_text_buffer_get_iter_at_line (buffer, &end, line + 1);
    gtk_text_buffer_delete (buffer, &iter, &end);
    wait_for_rows (list_box, n_headings + 1, 11, "Section 8");
    g_assert_true (gtk_list_box_get_row_at_index (list_box, 12) == kept);
    g_assert_cmpstr (row_text (list_box, 12), ==, "Section 9");
  }

  /* Its line moved every heading after it: activation still finds them. */
  row = gtk_list_box_get_row_at_index (list_box, 18);
  g_assert_cmpstr (row_text (list_box, 18), ==, "Section 14");
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpuint (cursor_line (window), ==, line_of (window, "## Section 14\n"));
  g_assert_cmpint (selected_index (list_box), ==, 18);

  /* The outline follows the selected tab: a new article has no headings, and going back
   * shows the first one's at once, from its latest render. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-document", NULL);
  g_assert_true (byline_outline_get_page (outline) == GTK_WIDGET (byline_window_get_page (window)));
  g_assert_true (buffer_of (window) != buffer);
  g_assert_cmpuint (n_rows (list_box), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-page", NULL);
  g_assert_true (buffer_of (window) == buffer);
  g_assert_cmpuint (n_rows (list_box), ==, n_headings + 1);
  g_assert_cmpstr (row_text (list_box, 7), ==, "A New Part");

  /* Without headings, the empty state comes back. */
  gtk_text_buffer_set_text (buffer, "---\ntitle: A Long Read\n---\n\nNo headings now.\n", -1);
  wait_for_rows (list_box, 0, 0, NULL);
  byline_test_wait_until (is_mapped, empty, "the outline to say it has no headings");
  byline_test_save_screenshot (GTK_WIDGET (window), "outline-empty.png");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (list_box)));

  byline_test_close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  app = byline_test_app_start ("io.github.byline.Byline.OutlineTests");

  g_test_add_func ("/Byline/Outline/headings-jump-and-follow", test_outline);

  return byline_test_app_run ();
}
