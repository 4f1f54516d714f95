/* test-window.c
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
 * The real window with the real WebKit preview, driven as a writer would: typing into the
 * editor, editing the side panel, activating actions, and reading the preview's DOM back.
 * Runs under Xvfb and a private session bus (build-aux/dev test provides both).
 */

#include "config.h"

#include <glib/gstdio.h>

#include "byline-application.h"
#include "byline-metadata-panel.h"
#include "byline-publish-dialog.h"
#include "byline-test-utils.h"
#include "byline-window.h"

static BylineApplication *app;

static BylineWindow *
new_window (void)
{
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
test_typing_shows_in_preview (void)
{
  BylineWindow *window = new_window ();
  g_autofree char *heading = NULL;

  byline_test_type_text (window, "# Hello, preview\n\nSome *typed* words.\n");
  byline_test_wait_for_preview_text (window, "Some typed words.");

  heading = byline_test_eval_js (window, "document.querySelector('#byline-article h1').textContent");
  g_assert_cmpstr (heading, ==, "Hello, preview");

  byline_test_type_text (window, "\nA second paragraph.\n");
  byline_test_wait_for_preview_text (window, "A second paragraph.");

  byline_test_close_window (window);
}

static gboolean
file_has_title (gpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  return strstr (contents, "title: A Better Title") != NULL;
}

static gboolean
document_saved (gpointer data)
{
  return !gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (data));
}

static void
test_open_edit_title_and_save (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "article.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *article =
    "---\n"
    "title: First Title\n"
    "site: https://example.com\n"
    "custom: kept as is\n"
    "---\n"
    "\n"
    "The body of the article.\n";
  BylineWindow *window;
  BylineDocument *document;
  GtkWidget *title_row;
  g_autofree char *shown_title = NULL;
  g_autofree char *saved = NULL;

  g_assert_true (g_file_set_contents (path, article, -1, NULL));

  window = new_window ();
  byline_window_open_file (window, file);
  document = byline_page_get_document (byline_window_get_page (window));
  byline_test_wait_for_document (document);
  byline_test_wait_for_preview_text (window, "The body of the article.");

  /* The header shows the title from the front matter. */
  byline_test_wait_for_preview_text (window, "First Title");
  shown_title = byline_test_eval_js (window, "document.querySelector('.article-header .title').textContent");
  g_assert_cmpstr (shown_title, ==, "First Title");

  /* The side panel shows it too, and editing it rewrites the front matter. */
  title_row = byline_test_find_row (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, "Title");
  g_assert_nonnull (title_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "First Title");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "A Better Title");
  byline_test_wait_for_preview_text (window, "A Better Title");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  byline_test_wait_until (document_saved, document, "the save to finish");
  g_assert_true (file_has_title (path));

  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "custom: kept as is"));
  g_assert_nonnull (strstr (saved, "The body of the article."));
  g_assert_null (strstr (saved, "First Title"));
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));

  /* Undo brings the old title back: the panel edit was one user action. */
  gtk_text_buffer_undo (GTK_TEXT_BUFFER (document));
  byline_test_wait_for_preview_text (window, "First Title");

  byline_test_close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_document_scripts_do_not_run (void)
{
  BylineWindow *window = new_window ();
  g_autofree char *sentinel = NULL;
  g_autofree char *title = NULL;

  byline_test_type_text (window,
             "Before the payloads.\n\n"
             "<script>window.bylineSentinel = 'script ran'; document.title = 'pwned';</script>\n\n"
             "<img src=\"missing.png\" onerror=\"window.bylineSentinel = 'onerror ran'; document.title = 'pwned'\">\n\n"
             "<div onmouseover=\"document.title = 'pwned'\">After the payloads.</div>\n");
  byline_test_wait_for_preview_text (window, "After the payloads.");

  /* The image fails to load, and the page's own error listener puts a placeholder in its place:
   * the error event has been dispatched, so an onerror handler would have run with it. A task
   * queued after that runs after anything the event queued. */
  byline_test_wait_for_js (window,
                           "String(document.querySelector('#byline-article .image-placeholder') !== null)",
                           "true");
  g_free (byline_test_eval_js (window, "setTimeout(() => { window.bylineMarker = 'after'; }, 0)"));
  byline_test_wait_for_js (window, "window.bylineMarker", "after");

  sentinel = byline_test_eval_js (window, "String(window.bylineSentinel)");
  title = byline_test_eval_js (window, "document.title");
  g_assert_cmpstr (sentinel, ==, "undefined");
  g_assert_cmpstr (title, !=, "pwned");

  byline_test_close_window (window);
}

typedef struct
{
  BylineWindow *window;
  guint         updates;
} UpdateCount;

static void
count_update_cb (BylinePreview *preview,
                 guint          n_blocks,
                 UpdateCount   *count)
{
  count->updates++;
}

static gboolean
updated_once (gpointer data)
{
  return ((UpdateCount *)data)->updates > 0;
}

static void
test_untouched_blocks_keep_their_nodes (void)
{
  BylineWindow *window = new_window ();
  BylinePreview *preview = byline_page_get_preview (byline_window_get_page (window));
  BylineDocument *document = byline_page_get_document (byline_window_get_page (window));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *n_marked = NULL;
  g_autofree char *n_blocks = NULL;
  g_autofree char *edited_mark = NULL;
  UpdateCount count = { window, 0 };
  GtkTextIter iter;
  gulong handler;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "Paragraph number %u of a long article.\n\n", i);
  byline_test_type_text (window, text->str);
  byline_test_wait_for_preview_text (window, "Paragraph number 199 of");

  n_blocks = byline_test_eval_js (window, "String(document.querySelectorAll('#byline-article > .chunk > .block').length)");
  g_assert_cmpstr (n_blocks, ==, "201"); /* the header and 200 paragraphs */

  byline_test_eval_js (window, "document.querySelectorAll('#byline-article > .chunk > .block')"
                   ".forEach((b, i) => b.setAttribute('data-test-mark', String(i))); 'ok'");

  /* Edit paragraph 100 (line 201 of the text). */
  handler = g_signal_connect (preview, "updated", G_CALLBACK (count_update_cb), &count);
  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (document), &iter, 200, 9);
  gtk_text_buffer_insert_interactive (GTK_TEXT_BUFFER (document), &iter, " EDITED", -1, TRUE);
  byline_test_wait_until (updated_once, &count, "the preview to update");
  g_signal_handler_disconnect (preview, handler);
  byline_test_wait_for_preview_text (window, "Paragraph EDITED number 100");

  n_marked = byline_test_eval_js (window, "String(document.querySelectorAll('#byline-article > .chunk > .block[data-test-mark]').length)");
  g_assert_cmpstr (n_marked, ==, "200");
  edited_mark = byline_test_eval_js (window,
                         "String([...document.querySelectorAll('#byline-article > .chunk > .block')]"
                         ".find(b => b.textContent.includes('EDITED')).getAttribute('data-test-mark'))");
  g_assert_cmpstr (edited_mark, ==, "null");

  byline_test_close_window (window);
}

/* A long article's blocks sit in chunks: edits that add or remove hundreds of blocks keep the
 * blocks in the source's order, the chunks neither empty nor overfull, and the untouched
 * blocks' nodes. */
static void
test_chunks_follow_large_edits (void)
{
  BylineWindow *window = new_window ();
  BylineDocument *document = byline_page_get_document (byline_window_get_page (window));
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) inserted = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *order = NULL;
  g_autofree char *sizes = NULL;
  g_autofree char *marks = NULL;
  const char *order_js =
    "[...document.querySelectorAll('#byline-article > .chunk > .block p')]"
    ".map(p => p.textContent.split(' ')[1]).join(',')";
  const char *sizes_js =
    "(() => { const c = [...document.querySelectorAll('#byline-article > .chunk')]"
    ".map(c => c.childElementCount); return String(c.length > 1 && c.every(n => n >= 1 && n <= 128)"
    " && document.querySelectorAll('#byline-article > :not(.chunk)').length === 0); })()";
  GtkTextIter start, end;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text, "Paragraph %u.\n\n", i);
  byline_test_type_text (window, text->str);
  byline_test_wait_for_preview_text (window, "Paragraph 299.");
  byline_test_eval_js (window, "document.querySelectorAll('#byline-article > .chunk > .block')"
                       ".forEach(b => b.setAttribute('data-test-mark', '1')); 'ok'");

  /* 250 paragraphs into the middle, at once: one chunk takes them all and splits. */
  for (guint i = 0; i < 250; i++)
    g_string_append_printf (inserted, "Paragraph n%u.\n\n", i);
  gtk_text_buffer_get_iter_at_line (buffer, &start, 2 * 150);
  gtk_text_buffer_insert (buffer, &start, inserted->str, -1);
  byline_test_wait_for_preview_text (window, "Paragraph n249.");

  /* Then paragraphs 20 to 139 go: whole chunks empty. */
  gtk_text_buffer_get_iter_at_line (buffer, &start, 2 * 20);
  gtk_text_buffer_get_iter_at_line (buffer, &end, 2 * 140);
  gtk_text_buffer_delete (buffer, &start, &end);

  for (guint i = 0; i < 20; i++)
    g_string_append_printf (expected, "%s%u.", i ? "," : "", i);
  for (guint i = 140; i < 150; i++)
    g_string_append_printf (expected, ",%u.", i);
  for (guint i = 0; i < 250; i++)
    g_string_append_printf (expected, ",n%u.", i);
  for (guint i = 150; i < 300; i++)
    g_string_append_printf (expected, ",%u.", i);
  byline_test_wait_for_js (window, order_js, expected->str);

  sizes = byline_test_eval_js (window, sizes_js);
  g_assert_cmpstr (sizes, ==, "true");
  marks = byline_test_eval_js (window,
                               "String(document.querySelectorAll('#byline-article > .chunk > "
                               ".block[data-test-mark]').length)");
  g_assert_cmpstr (marks, ==, "181"); /* the header and the 180 paragraphs kept */

  byline_test_close_window (window);
}

/* Notes numbered anew change paragraphs far apart: the page replaces those and the notes, and
 * every block between keeps its node. */
static void
test_renumbered_notes_keep_other_blocks (void)
{
  BylineWindow *window = new_window ();
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *marks = NULL;
  GtkTextIter iter;

  for (guint i = 0; i < 120; i++)
    g_string_append_printf (text, "Paragraph %u%s.\n\n", i,
                            i == 20 ? " cites[^a]" : i == 100 ? " cites[^b]" : "");
  g_string_append (text, "[^a]: First note.\n[^b]: Second note.\n");
  byline_test_type_text (window, text->str);
  byline_test_wait_for_preview_text (window, "Second note.");
  byline_test_eval_js (window, "document.querySelectorAll('#byline-article > .chunk > .block')"
                       ".forEach(b => b.setAttribute('data-test-mark', '1')); 'ok'");

  /* Paragraph 5 cites the second note first: both notes change number. */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 2 * 5, strlen ("Paragraph 5"));
  gtk_text_buffer_insert (buffer, &iter, " cites[^b]", -1);
  byline_test_wait_for_js (window,
                           "String(document.querySelectorAll('#byline-article > .chunk > "
                           ".block:not([data-test-mark])').length)", "4");
  marks = byline_test_eval_js (window,
                               "String(document.querySelectorAll('#byline-article > .chunk > "
                               ".block[data-test-mark]').length)");
  g_assert_cmpstr (marks, ==, "118"); /* 122 blocks, of which paragraphs 5, 20, 100 and the notes changed */

  byline_test_close_window (window);
}

/* Editing a reference definition at the end updates a link at the top: the page shows the
 * edit at once and the links elsewhere right after. */
static void
test_definition_edit_reaches_links (void)
{
  BylineWindow *window = new_window ();
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
  g_autoptr(GString) text = g_string_new ("See [the site].\n\n");
  GtkTextIter start, end;

  for (guint i = 0; i < 80; i++)
    g_string_append_printf (text, "Paragraph %u.\n\n", i);
  g_string_append (text, "[the site]: https://example.com/old\n");
  byline_test_type_text (window, text->str);
  byline_test_wait_for_js (window, "document.querySelector('#byline-article a').getAttribute('href')",
                           "https://example.com/old");

  gtk_text_buffer_get_end_iter (buffer, &end);
  start = end;
  gtk_text_iter_backward_chars (&start, strlen ("old\n"));
  gtk_text_iter_backward_chars (&end, 1);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, "new", -1);
  byline_test_wait_for_js (window, "document.querySelector('#byline-article a').getAttribute('href')",
                           "https://example.com/new");

  byline_test_close_window (window);
}

static gboolean
no_dialog (gpointer data)
{
  return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (data)) == NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return !no_dialog (data);
}

static void
count_change (guint *n_changes)
{
  (*n_changes)++;
}

static gboolean
changed_once (gpointer data)
{
  return *(guint *)data > 0;
}

static guint
n_tabs (BylineWindow *window)
{
  GtkWidget *tab_view = gtk_widget_get_ancestor (GTK_WIDGET (byline_window_get_page (window)),
                                                 ADW_TYPE_TAB_VIEW);

  return adw_tab_view_get_n_pages (ADW_TAB_VIEW (tab_view));
}

static void
test_tabs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-ui-XXXXXX", NULL);
  g_autofree char *path_a = g_build_filename (dir, "a.md", NULL);
  g_autofree char *path_b = g_build_filename (dir, "b.md", NULL);
  g_autoptr(GFile) file_a = g_file_new_for_path (path_a);
  g_autoptr(GFile) file_b = g_file_new_for_path (path_b);
  BylineWindow *window;
  BylinePage *page_a;
  AdwDialog *dialog;

  g_assert_true (g_file_set_contents (path_a, "Article A\n", -1, NULL));
  g_assert_true (g_file_set_contents (path_b, "Article B\n", -1, NULL));

  window = new_window ();
  g_assert_cmpuint (n_tabs (window), ==, 1);

  /* The first file replaces the empty draft; the second opens in a new tab. */
  byline_window_open_file (window, file_a);
  byline_test_wait_for_preview_text (window, "Article A");
  page_a = byline_window_get_page (window);
  g_assert_cmpuint (n_tabs (window), ==, 1);

  byline_window_open_file (window, file_b);
  byline_test_wait_for_preview_text (window, "Article B");
  g_assert_cmpuint (n_tabs (window), ==, 2);
  g_assert_true (byline_window_get_page (window) != page_a);

  /* Opening a file that is already open selects its tab. */
  byline_window_open_file (window, file_a);
  g_assert_true (byline_window_get_page (window) == page_a);
  g_assert_cmpuint (n_tabs (window), ==, 2);

  /* A new article gets its own tab. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-document", NULL));
  g_assert_cmpuint (n_tabs (window), ==, 3);

  /* Closing an unmodified tab closes it at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-page", NULL));
  g_assert_cmpuint (n_tabs (window), ==, 2);

  /* Closing a modified tab asks first; Cancel keeps it, Discard closes it. */
  adw_tab_view_set_selected_page (ADW_TAB_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (page_a), ADW_TYPE_TAB_VIEW)),
                                  adw_tab_view_get_page (ADW_TAB_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (page_a), ADW_TYPE_TAB_VIEW)),
                                                         GTK_WIDGET (page_a)));
  byline_test_type_text (window, "Unsaved words. ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-page", NULL));
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_signal_emit_by_name (dialog, "response", "cancel");
  adw_dialog_close (dialog);
  byline_test_wait_until (no_dialog, window, "the dialog to close");
  g_assert_cmpuint (n_tabs (window), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-page", NULL));
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_signal_emit_by_name (dialog, "response", "discard");
  adw_dialog_close (dialog);
  byline_test_wait_until (no_dialog, window, "the dialog to close");
  g_assert_cmpuint (n_tabs (window), ==, 1);

  /* The file on disk was not touched by the discarded edit. */
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (path_a, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "Article A\n");
  }

  byline_test_close_window (window);
  g_unlink (path_a);
  g_unlink (path_b);
  g_rmdir (dir);
}

static int
cursor_offset (BylineWindow *window)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));

  return gtk_text_iter_get_offset (&iter);
}

/* With several tabs, the keys that move in the text (Ctrl+Home, Ctrl+End, and with Shift to
 * select) move in the text instead of switching tabs; the tab keys that the editor does not
 * need (Ctrl+Page Up, Ctrl+Page Down, Alt+1…9) still switch tabs. */
static void
test_text_keys_stay_in_the_text (void)
{
  BylineWindow *window = new_window ();
  GtkTextBuffer *buffer;
  BylinePage *first, *second;
  g_autofree char *text = NULL;
  GtkTextIter iter;

  if (!byline_test_can_press_keys (GTK_WIDGET (window)))
    {
      byline_test_close_window (window);
      g_test_skip ("No XTest on this display");
      return;
    }

  byline_test_type_text (window, "First tab.\n");
  first = byline_window_get_page (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-document", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-document", NULL));
  g_assert_cmpuint (n_tabs (window), ==, 3);
  second = byline_window_get_page (window);
  byline_test_type_text (window, "One line.\nTwo lines.\nThree lines.");
  buffer = GTK_TEXT_BUFFER (byline_page_get_document (second));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 12);
  gtk_text_buffer_place_cursor (buffer, &iter);

  byline_test_press_keys (GTK_WIDGET (window), GDK_KEY_Home, GDK_CONTROL_MASK);
  g_assert_true (byline_window_get_page (window) == second);
  g_assert_cmpint (cursor_offset (window), ==, 0);

  /* The text typed next lands where the cursor went. */
  byline_test_press_keys (GTK_WIDGET (window), GDK_KEY_x, 0);
  text = byline_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, "xOne line.\nTwo lines.\nThree lines.");

  byline_test_press_keys (GTK_WIDGET (window), GDK_KEY_End, GDK_CONTROL_MASK);
  g_assert_true (byline_window_get_page (window) == second);
  g_assert_cmpint (cursor_offset (window), ==, gtk_text_buffer_get_char_count (buffer));

  byline_test_press_keys (GTK_WIDGET (window), GDK_KEY_Home, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_true (byline_window_get_page (window) == second);
  g_assert_cmpint (cursor_offset (window), ==, 0);
  g_assert_true (gtk_text_buffer_get_has_selection (buffer));

  byline_test_press_keys (GTK_WIDGET (window), GDK_KEY_End, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_true (byline_window_get_page (window) == second);
  g_assert_cmpint (cursor_offset (window), ==, gtk_text_buffer_get_char_count (buffer));

  /* Switching tabs stays on the keyboard. */
  byline_test_press_keys (GTK_WIDGET (window), GDK_KEY_Page_Up, GDK_CONTROL_MASK);
  g_assert_true (byline_window_get_page (window) != second);
  byline_test_press_keys (GTK_WIDGET (window), GDK_KEY_Page_Down, GDK_CONTROL_MASK);
  g_assert_true (byline_window_get_page (window) == second);
  byline_test_press_keys (GTK_WIDGET (window), GDK_KEY_1, GDK_ALT_MASK);
  g_assert_true (byline_window_get_page (window) == first);

  byline_test_close_window (window);
}

static AdwDialog *
visible_dialog (BylineWindow *window)
{
  return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
}

static gboolean
focus_in_visible_dialog (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));
  AdwDialog *dialog = visible_dialog (data);

  /* Keys reach only mapped widgets: a dialog being presented is not yet. */
  return dialog != NULL && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (dialog)) &&
         gtk_widget_get_mapped (focus);
}

typedef struct
{
  BylineWindow *window;
  AdwDialog    *alert;
} AlertWait;

static gboolean
alert_gone (gpointer data)
{
  AlertWait *wait = data;

  return visible_dialog (wait->window) != wait->alert;
}

static void
unpublish_like_response_cb (AdwAlertDialog *alert,
                            const char     *response,
                            GtkWidget      *button)
{
  /* As Unpublish does: the button that opened the alert waits, insensitive. */
  gtk_widget_set_sensitive (button, FALSE);
}

/* A dialog keeps the keyboard while it is shown: after an alert over it closes and the
 * control that had the focus goes insensitive (as Unpublish leaves the publish dialog),
 * Escape still closes it, and the window's shortcuts (Ctrl+T) and typing do not reach the
 * article behind it. */
static void
test_dialog_keeps_the_keyboard (void)
{
  BylineWindow *window = new_window ();
  GtkTextBuffer *buffer;
  AdwDialog *publish, *alert;
  GtkWidget *button;
  g_autofree char *text = NULL;

  if (!byline_test_can_press_keys (GTK_WIDGET (window)))
    {
      byline_test_close_window (window);
      g_test_skip ("No XTest on this display");
      return;
    }

  byline_test_type_text (window, "---\ntitle: Kept\n---\n\nThe words.\n");
  buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  publish = visible_dialog (window);
  g_assert_true (BYLINE_IS_PUBLISH_DIALOG (publish));
  byline_test_wait_until (focus_in_visible_dialog, window, "the dialog to take the focus");

  /* A shortcut of the window while the dialog is up: nothing happens behind it. */
  byline_test_press_keys (GTK_WIDGET (window), GDK_KEY_t, GDK_CONTROL_MASK);
  g_assert_cmpuint (n_tabs (window), ==, 1);
  g_assert_true (visible_dialog (window) == publish);

  /* An alert over the dialog, answered; the button that opened it goes insensitive. */
  button = byline_test_find_widget (GTK_WIDGET (publish), GTK_TYPE_BUTTON);
  gtk_widget_grab_focus (button);
  alert = adw_alert_dialog_new ("Unpublish Article?", NULL);
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (alert), "cancel", "_Cancel",
                                  "unpublish", "_Unpublish", NULL);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (alert), "unpublish");
  g_signal_connect (alert, "response", G_CALLBACK (unpublish_like_response_cb), button);
  adw_dialog_present (alert, GTK_WIDGET (publish));
  byline_test_wait_until (focus_in_visible_dialog, window, "the alert to take the focus");
  byline_test_press_keys (GTK_WIDGET (window), GDK_KEY_Return, 0);
  byline_test_wait_until (alert_gone, &(AlertWait) { window, alert }, "the alert to close");
  byline_test_wait_until (focus_in_visible_dialog, window, "the focus to come back to the dialog");
  g_assert_true (visible_dialog (window) == publish);

  /* Typing and shortcuts still stay out of the article. */
  byline_test_press_keys (GTK_WIDGET (window), GDK_KEY_t, GDK_CONTROL_MASK);
  byline_test_press_keys (GTK_WIDGET (window), GDK_KEY_x, 0);
  g_assert_cmpuint (n_tabs (window), ==, 1);
  text = byline_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, "---\ntitle: Kept\n---\n\nThe words.\n");

  /* And Escape closes the dialog. */
  byline_test_press_keys (GTK_WIDGET (window), GDK_KEY_Escape, 0);
  byline_test_wait_until (no_dialog, window, "Escape to close the dialog");

  byline_test_close_window (window);
}

static gboolean
find_file_chooser (gpointer data)
{
  GtkWidget **chooser = data;
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *iter = toplevels; iter; iter = iter->next)
    if (GTK_IS_FILE_CHOOSER (iter->data) && gtk_widget_get_visible (iter->data))
      {
        *chooser = iter->data;
        return TRUE;
      }

  return FALSE;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

typedef struct
{
  GtkWidget *chooser;
  GFile     *file;
} ChooserWait;

static gboolean
chooser_has_file (gpointer data)
{
  ChooserWait *wait = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (wait->chooser));

  return file != NULL && g_file_equal (file, wait->file);
}

static gboolean
chooser_has_folder (gpointer data)
{
  ChooserWait *wait = data;
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (wait->chooser));

  return folder != NULL && g_file_equal (folder, wait->file);
}

/* Answers the save dialog, opened in the article's folder @dir, with the name @chosen. The
 * dialog proposes "article.md" with only "article" selected: a writer who types "new.md" over
 * it chooses "new.md.md". */
static void
answer_save_dialog (const char *dir,
                    const char *chosen)
{
  g_autofree char *path = g_build_filename (dir, chosen, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *proposed = NULL;
  GtkWidget *chooser = NULL;

  byline_test_wait_until (find_file_chooser, &chooser, "the save dialog");
  proposed = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_str_has_suffix (proposed, ".md"));
  /* It opens in the article's folder. */
  byline_test_wait_until (chooser_has_folder, &(ChooserWait) { chooser, folder },
                          "the save dialog to open the article's folder");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), chosen);
  byline_test_wait_until (chooser_has_file, &(ChooserWait) { chooser, file },
                          "the save dialog to take the name");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

G_GNUC_END_IGNORE_DEPRECATIONS

/* Save As proposes "article.md" with "article" selected: typing "new.md" saves "new.md", not
 * "new.md.md", and a name typed without an extension gets ".md". */
static void
test_save_as_name (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-ui-XXXXXX", NULL);
  g_autofree char *doubled = g_build_filename (dir, "new.md.md", NULL);
  g_autofree char *single = g_build_filename (dir, "new.md", NULL);
  g_autofree char *bare = g_build_filename (dir, "notes", NULL);
  g_autofree char *notes = g_build_filename (dir, "notes.md", NULL);
  g_autofree char *path = g_build_filename (dir, "article.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineWindow *window = new_window ();
  BylineDocument *document;

  /* A new article is proposed a name after its title. */
  byline_test_type_text (window, "---\ntitle: Night Train to Lyon\n---\n\nWords.\n");
  byline_test_wait_for_preview_text (window, "Night Train to Lyon");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL));
  {
    GtkWidget *chooser = NULL;
    g_autofree char *proposed = NULL;

    byline_test_wait_until (find_file_chooser, &chooser, "the save dialog");
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    proposed = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
    G_GNUC_END_IGNORE_DEPRECATIONS
    g_assert_cmpstr (proposed, ==, "night-train-to-lyon.md");
  }

  g_assert_true (g_file_set_contents (path, "An article.\n", -1, NULL));
  byline_test_open_file (window, file);
  document = byline_page_get_document (byline_window_get_page (window));
  byline_test_type_text (window, "A new version. ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL));
  answer_save_dialog (dir, "new.md.md");
  byline_test_wait_until (document_saved, document, "the save to finish");
  g_assert_true (g_file_test (single, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (doubled, G_FILE_TEST_EXISTS));

  byline_test_type_text (window, "More.\n");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL));
  answer_save_dialog (dir, "notes");
  byline_test_wait_until (file_exists, notes, "notes.md to be written");
  byline_test_wait_until (document_saved, document, "the save to finish");
  g_assert_false (g_file_test (bare, G_FILE_TEST_EXISTS));

  byline_test_close_window (window);
  g_unlink (single);
  g_unlink (notes);
  g_unlink (path);
  g_rmdir (dir);
}

/* A browser of the test's own, set up in main(): it writes each address it is given to
 * launched_log. */
static char *launched_log;

static gboolean
browser_launched (gpointer data)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (launched_log, &contents, NULL, NULL) && *contents != '\0';
}

static void
set_up_browser (void)
{
  g_autofree char *home = g_dir_make_tmp ("byline-ui-home-XXXXXX", NULL);
  g_autofree char *applications = g_build_filename (home, "data", "applications", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *script = g_build_filename (home, "browser", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *desktop_path = g_build_filename (applications, "byline-test-browser.desktop", NULL);
  g_autofree char *mimeapps_path = g_build_filename (config, "mimeapps.list", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  const char *mimeapps =
    "[Default Applications]\n"
    "x-scheme-handler/http=byline-test-browser.desktop\n"
    "x-scheme-handler/https=byline-test-browser.desktop\n"
    "text/html=byline-test-browser.desktop\n"
    "[Removed Associations]\n"
    "x-scheme-handler/help=yelp.desktop;org.gnome.Yelp.desktop;\n";

  launched_log = g_build_filename (home, "launched", NULL);
  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s\\n' \"$1\" >> '%s'\n", launched_log);
  desktop = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Browser\n"
                             "Exec=%s %%u\nNoDisplay=true\n"
                             "MimeType=x-scheme-handler/http;x-scheme-handler/https;text/html;\n",
                             script);

  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_assert_true (g_file_set_contents (script, script_text, -1, NULL));
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  g_assert_true (g_file_set_contents (desktop_path, desktop, -1, NULL));
  g_assert_true (g_file_set_contents (mimeapps_path, mimeapps, -1, NULL));

  /* Before anything asks GLib where these are: it remembers the first answer. */
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
}

/* F1 without a help viewer for help: addresses opens the help in the browser (the installed
 * HTML help, or the online one) instead of doing nothing. */
static void
test_help_without_viewer (void)
{
  BylineWindow *window = new_window ();
  g_autofree char *launched = NULL;

  /* What F1 does (test-accessibility checks that F1 is its key); no key is pressed, as in
   * save-error. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  byline_test_wait_until (browser_launched, NULL, "the help to open in the browser");
  g_assert_true (g_file_get_contents (launched_log, &launched, NULL, NULL));
  g_assert_true (g_str_has_prefix (launched, "file://") ||
                 g_str_has_prefix (launched, "https://"));
  g_assert_nonnull (strstr (launched, "help"));

  byline_test_close_window (window);
}

/* A save that fails says which file failed and why, in words, and offers to save the article
 * elsewhere. */
static void
test_save_error (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-ui-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "gone", NULL);
  g_autofree char *path = g_build_filename (folder, "article.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *proposed = NULL;
  GtkWidget *chooser = NULL;
  BylineWindow *window;
  BylineDocument *document;
  AdwDialog *dialog;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "The first words.\n", -1, NULL));
  window = new_window ();
  byline_test_open_file (window, file);
  document = byline_page_get_document (byline_window_get_page (window));
  byline_test_type_text (window, "More words. ");

  /* The folder goes away (a removed disk, another program) before the writer saves. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  byline_test_wait_until (has_dialog, window, "the save error");
  dialog = visible_dialog (window);
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_nonnull (strstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), "“article.md”"));
  g_assert_nonnull (strstr (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog)), "no longer exists"));
  g_assert_true (adw_alert_dialog_has_response (ADW_ALERT_DIALOG (dialog), "save-as"));
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));
  byline_test_save_screenshot (GTK_WIDGET (window), "save-error.png");

  /* Save As, the default answer, opens the save dialog for the same name. (No key is
   * pressed for it: after an earlier test's save dialog window, the X server without a window
   * manager may keep the keyboard away from this window.) */
  g_assert_cmpstr (adw_alert_dialog_get_default_response (ADW_ALERT_DIALOG (dialog)), ==, "save-as");
  g_signal_emit_by_name (dialog, "response::save-as", "save-as");
  adw_dialog_close (dialog);
  byline_test_wait_until (find_file_chooser, &chooser, "the save dialog");
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  proposed = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (proposed, ==, "article.md");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));

  byline_test_close_window (window);
  g_rmdir (dir);
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
view_has_focus (gpointer data)
{
  return gtk_widget_has_focus (GTK_WIDGET (byline_page_get_view (byline_window_get_page (data))));
}

static GtkWidget *
find_status_page (BylineWindow *window)
{
  GtkWidget *status = byline_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);

  /* The outline's own empty state comes after the window's in the tree. */
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "Write an Article");

  return status;
}

/* The window's stack shows @status (it may still fade out meanwhile). */
static gboolean
empty_state_shown (GtkWidget *status)
{
  return gtk_stack_get_visible_child (GTK_STACK (gtk_widget_get_parent (status))) == status;
}

static gboolean
recent_row_shown (gpointer data)
{
  GtkWidget *row = byline_test_find_row (data, ADW_TYPE_ACTION_ROW, "recent-article.md");

  return row != NULL && gtk_widget_get_mapped (row);
}

/* A new window with nothing in it says what to do (write, open, reopen a recent article)
 * instead of showing a blank editor and preview; typing, New Article or a recent article
 * leave it for the editor, for good. */
static void
test_empty_state (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "recent-article.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *text = NULL;
  BylineWindow *window;
  GtkWidget *status, *row;
  GtkTextBuffer *buffer;

  g_assert_true (g_file_set_contents (path, "# Reopened\n\nFrom the recent list.\n", -1, NULL));
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);

  /* Typing starts the article with what was typed. */
  window = new_window ();
  status = find_status_page (window);
  byline_test_wait_until (widget_is_mapped, status, "the empty state to show");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (byline_page_get_view (byline_window_get_page (window)))));
  byline_test_wait_until (recent_row_shown, status, "the recent article in the empty state");
  byline_test_save_screenshot (GTK_WIDGET (window), "empty-state.png");
  if (byline_test_can_press_keys (GTK_WIDGET (window)))
    {
      byline_test_press_keys (GTK_WIDGET (window), GDK_KEY_H, GDK_SHIFT_MASK);
      byline_test_press_keys (GTK_WIDGET (window), GDK_KEY_i, 0);
      buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
      text = byline_test_buffer_text (buffer);
      g_assert_cmpstr (text, ==, "Hi");
      g_assert_false (empty_state_shown (status));
      g_assert_true (view_has_focus (window));

      /* Emptied again, the article stays in the editor. */
      gtk_text_buffer_set_text (buffer, "", -1);
      gtk_text_buffer_set_modified (buffer, FALSE);
      g_assert_false (empty_state_shown (status));
      g_assert_true (view_has_focus (window));
    }
  byline_test_close_window (window);

  /* New Article: the window's empty article is the new one. */
  window = new_window ();
  status = find_status_page (window);
  byline_test_wait_until (widget_is_mapped, status, "the empty state to show");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-document", NULL));
  g_assert_cmpuint (n_tabs (window), ==, 1);
  g_assert_false (empty_state_shown (status));
  byline_test_wait_until (view_has_focus, window, "the editor to take the focus");
  byline_test_close_window (window);

  /* A recent article opens in the editor. */
  window = new_window ();
  status = find_status_page (window);
  byline_test_wait_until (recent_row_shown, status, "the recent article in the empty state");
  row = byline_test_find_row (status, ADW_TYPE_ACTION_ROW, "recent-article.md");
  g_signal_emit_by_name (row, "activate");
  byline_test_wait_for_preview_text (window, "From the recent list.");
  g_assert_false (empty_state_shown (status));
  g_assert_true (view_has_focus (window));
  byline_test_close_window (window);

  gtk_recent_manager_remove_item (gtk_recent_manager_get_default (), uri, NULL);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_preferences (void)
{
  BylineWindow *window = new_window ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.byline.Byline");
  AdwDialog *dialog;
  GtkWidget *row;

  g_settings_set_boolean (settings, "allow-remote-images", FALSE);
  g_settings_set_string (settings, "style-variant", "follow");

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_true (ADW_IS_PREFERENCES_DIALOG (dialog));
  byline_test_save_screenshot (GTK_WIDGET (window), "preferences.png");

  /* Rows change their settings... */
  row = byline_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_SWITCH_ROW, "Load Remote Images");
  g_assert_nonnull (row);
  adw_switch_row_set_active (ADW_SWITCH_ROW (row), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "allow-remote-images"));

  /* ...and the style row changes the application's colours. */
  row = byline_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Style");
  g_assert_nonnull (row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  g_assert_cmpstr (g_settings_get_string (settings, "style-variant"), ==, "dark");
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_false (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);

  /* The spelling language lists the installed dictionaries, after the locale's. */
  row = byline_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Spelling Language");
  g_assert_nonnull (row);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row))), >=, 3);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  g_settings_set_string (settings, "spellcheck-language", "fr_FR");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), >, 0);
  {
    GtkStringObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (row));

    g_assert_true (strstr (gtk_string_object_get_string (item), "French") != NULL);
  }
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  g_assert_cmpstr (g_settings_get_string (settings, "spellcheck-language"), ==, "");

  g_settings_set_boolean (settings, "allow-remote-images", FALSE);
  adw_dialog_close (dialog);
  byline_test_wait_until (no_dialog, window, "the dialog to close");
  byline_test_close_window (window);
}

typedef struct
{
  GdkClipboard *clipboard;
  char         *text;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (read->text == NULL)
    read->text = g_strdup ("");
}

static gboolean
clipboard_read (gpointer data)
{
  return ((ClipboardRead *)data)->text != NULL;
}

static gboolean
site_has_focus (gpointer data)
{
  GtkWidget *window = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *row = byline_test_find_row (window, ADW_TYPE_ENTRY_ROW, "Site");

  return row != NULL && focus != NULL && gtk_widget_is_ancestor (focus, row) &&
         gtk_widget_is_drawable (row);
}

static void
test_records (void)
{
  g_autofree char *record_path = g_test_build_filename (G_TEST_DIST, "data", "records",
                                                        "harbour-wall.record.json", NULL);
  g_autoptr(GFile) record = g_file_new_for_path (record_path);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.byline.Byline");
  ClipboardRead read = { NULL, NULL };
  BylineWindow *window;
  BylineDocument *document;
  AdwDialog *dialog;
  GtkWidget *row;
  guint n_changes = 0;

  window = new_window ();

  /* A record opens as a new, unsaved article with its metadata in the front matter. */
  byline_window_open_file (window, record);
  byline_test_wait_for_preview_text (window, "The Winter the Harbour Wall Held");
  document = byline_page_get_document (byline_window_get_page (window));
  g_assert_null (byline_document_get_file (document));
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));
  g_assert_cmpstr (byline_metadata_get_title (byline_document_get_metadata (document)), ==,
                   "The Winter the Harbour Wall Held");

  /* Copying the record gives the same record back, through the clipboard. */
  read.clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_signal_connect_swapped (read.clipboard, "changed", G_CALLBACK (count_change), &n_changes);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-record", NULL));
  /* The record is made in a worker; the clipboard changes once it is there. */
  byline_test_wait_until (changed_once, &n_changes, "the record on the clipboard");
  g_signal_handlers_disconnect_by_data (read.clipboard, &n_changes);
  gdk_clipboard_read_text_async (read.clipboard, NULL, clipboard_read_cb, &read);
  byline_test_wait_until (clipboard_read, &read, "the clipboard");
  g_assert_nonnull (strstr (read.text, "\"$type\": \"site.standard.document\""));
  g_assert_nonnull (strstr (read.text, "\"title\": \"The Winter the Harbour Wall Held\""));
  g_assert_nonnull (strstr (read.text, "bafkrei"));
  g_free (read.text);

  /* An article without a site cannot be exported: every problem is listed, nothing copied. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-document", NULL));
  byline_test_type_text (window, "---\ntitle: No Site Yet\n---\n\nBody.\n");
  byline_test_wait_for_preview_text (window, "No Site Yet");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-record", NULL));
  byline_test_wait_until (has_dialog, window, "the export's problems");
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_nonnull (byline_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                                          "The site is required"));
  g_assert_nonnull (byline_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                                          "The publication date is required"));
  byline_test_save_screenshot (GTK_WIDGET (window), "export-problems.png");

  /* Selecting a problem closes the list and puts the cursor in its field. */
  g_settings_set_boolean (settings, "show-side-panel", FALSE);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (byline_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK)),
                                         "outline");
  row = byline_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "The site is required");
  g_assert_true (gtk_widget_activate (row));
  byline_test_wait_until (no_dialog, window, "the dialog to close");
  byline_test_wait_until (site_has_focus, window, "the site row to take the focus");

  byline_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  set_up_browser ();
  g_test_init (&argc, &argv, NULL);
  /* libadwaita's own layout warns that it measures one of its labels below its minimum
   * width while a dialog and a toast share the window (it draws correctly); criticals stay
   * fatal. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  app = byline_test_app_start ("io.github.byline.Byline.Tests");

  /* These tests are not about spelling; libspelling 0.4 warns "code should not be reached"
   * while it checks text typed right after a window opens, which a test turns fatal. The
   * editor tests cover spell checking. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.byline.Byline");

    g_settings_set_boolean (settings, "spellcheck", FALSE);
  }

  /* First: it types into the first window the test opens, whose keyboard focus no earlier
   * window took away. */
  g_test_add_func ("/Byline/UI/empty-state", test_empty_state);
  g_test_add_func ("/Byline/UI/typing-shows-in-preview", test_typing_shows_in_preview);
  g_test_add_func ("/Byline/UI/open-edit-title-and-save", test_open_edit_title_and_save);
  g_test_add_func ("/Byline/UI/document-scripts-do-not-run", test_document_scripts_do_not_run);
  g_test_add_func ("/Byline/UI/untouched-blocks-keep-their-nodes",
                   test_untouched_blocks_keep_their_nodes);

  g_test_add_func ("/Byline/UI/chunks-follow-large-edits", test_chunks_follow_large_edits);
  g_test_add_func ("/Byline/UI/renumbered-notes-keep-other-blocks",
                   test_renumbered_notes_keep_other_blocks);
  g_test_add_func ("/Byline/UI/definition-edit-reaches-links", test_definition_edit_reaches_links);
  g_test_add_func ("/Byline/UI/tabs", test_tabs);
  g_test_add_func ("/Byline/UI/text-keys-stay-in-the-text", test_text_keys_stay_in_the_text);
  g_test_add_func ("/Byline/UI/dialog-keeps-the-keyboard", test_dialog_keeps_the_keyboard);
  g_test_add_func ("/Byline/UI/save-as-name", test_save_as_name);
  g_test_add_func ("/Byline/UI/help-without-viewer", test_help_without_viewer);
  g_test_add_func ("/Byline/UI/save-error", test_save_error);
  g_test_add_func ("/Byline/UI/preferences", test_preferences);
  g_test_add_func ("/Byline/UI/records", test_records);

  return byline_test_app_run ();
}
