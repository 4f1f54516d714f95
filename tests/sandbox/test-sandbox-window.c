/* test-sandbox-window.c
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
 * The real window in a sandbox that shows it the article alone: test-sandbox-window.sh runs
 * this program under bubblewrap with the article at /run/user/UID/doc/ID/article.md, as the
 * document portal leaves it, and its cover and figure on disk but out of sight. The window
 * opens the article, the preview renders it with a placeholder for the figure that says why
 * it cannot be shown, and the side panel says the same of the cover, in words rather than the
 * system's "No such file or directory". A pasted screenshot, which cannot be saved beside the
 * article, goes to a folder the writer chooses, and the article links to it there; the
 * exported page names the images it could not include. Run outside that sandbox, it fails: the
 * images are there. The file dialogs are GTK's own (no portal in the test session).
 */

#include "config.h"

#include <glib/gstdio.h>

#include "byline-application.h"
#include "byline-test-utils.h"
#include "byline-window.h"

static BylineApplication *app;

static gboolean
alert_shown (gpointer data)
{
  return ADW_IS_ALERT_DIALOG (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (data)));
}

static gboolean
alert_gone (gpointer data)
{
  return adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (data)) == NULL;
}

/* The alert now shown, after checking its heading; its extra label's text in @words. */
static AdwAlertDialog *
wait_for_alert (BylineWindow  *window,
                const char    *heading,
                const char   **words)
{
  AdwDialog *dialog;

  byline_test_wait_until (alert_shown, window, heading);
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_test_message ("%s: %s", adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)),
                  adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog)));
  g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), ==, heading);
  g_assert_true (GTK_IS_LABEL (adw_alert_dialog_get_extra_child (ADW_ALERT_DIALOG (dialog))));
  *words = gtk_label_get_text (GTK_LABEL (adw_alert_dialog_get_extra_child (ADW_ALERT_DIALOG (dialog))));

  return ADW_ALERT_DIALOG (dialog);
}

static void
answer_alert (BylineWindow   *window,
              AdwAlertDialog *dialog,
              const char     *response)
{
  /* As a click on the button does: the response, then the dialog closes. */
  g_signal_emit_by_name (dialog, "response", response);
  adw_dialog_force_close (ADW_DIALOG (dialog));
  byline_test_wait_until (alert_gone, window, "the dialog to close");
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static gboolean
find_file_chooser (gpointer data)
{
  GtkWidget **chooser = data;
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *iter = toplevels; iter; iter = iter->next)
    {
      if (GTK_IS_FILE_CHOOSER (iter->data) && gtk_widget_get_visible (iter->data))
        {
          *chooser = iter->data;
          return TRUE;
        }
    }

  return FALSE;
}

typedef struct
{
  GtkWidget *chooser;
  GFile     *file;
} ChooserWait;

static gboolean
chooser_has (gpointer data)
{
  ChooserWait *wait = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (wait->chooser));

  return file != NULL && g_file_equal (file, wait->file);
}

/* Answers the folder dialog with @path. */
static void
choose_folder (const char *path)
{
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  GtkWidget *chooser = NULL;

  byline_test_wait_until (find_file_chooser, &chooser, "the folder dialog");
  byline_test_file_chooser_go_to (chooser, folder);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

/* Answers the save dialog with @path. */
static void
choose_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  GtkWidget *chooser = NULL;

  /* The folder first, once the dialog has settled in it; then the name. */
  byline_test_wait_until (find_file_chooser, &chooser, "the save dialog");
  byline_test_file_chooser_go_to (chooser, folder);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  byline_test_wait_until (chooser_has, &(ChooserWait) { chooser, file },
                          "the save dialog to take the name");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

G_GNUC_END_IGNORE_DEPRECATIONS

typedef struct
{
  GtkTextBuffer *buffer;
  const char    *needle;
} TextWait;

static gboolean
buffer_contains (gpointer data)
{
  TextWait *wait = data;
  g_autofree char *text = byline_test_buffer_text (wait->buffer);

  return strstr (text, wait->needle) != NULL;
}

static gboolean
file_holds_page (gpointer data)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (data, &contents, NULL, NULL) && strstr (contents, "</html>") != NULL;
}

static const char *
article_path (void)
{
  const char *path = g_getenv ("BYLINE_SANDBOX_ARTICLE");

  g_assert_nonnull (path);

  return path;
}

static void
test_article_alone (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (article_path ());
  g_autofree char *folder = g_path_get_dirname (article_path ());
  g_autofree char *figure = NULL;
  BylineWindow *window;

  /* What the test runs in: Flatpak's marker, and the images beside the article out of sight. */
  g_assert_true (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (article_path (), G_FILE_TEST_IS_REGULAR));
  figure = g_build_filename (folder, "images", "figure.png", NULL);
  g_assert_false (g_file_test (figure, G_FILE_TEST_EXISTS));

  window = byline_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_test_open_file (window, file);

  /* The preview renders the article, with a placeholder that names the figure and says why it
   * cannot be shown; the cover's too. */
  byline_test_wait_for_preview_text (window, "A figure beside the article");
  byline_test_wait_for_js (window,
                           "Array.from(document.querySelectorAll('.image-placeholder'))"
                           ".map(p => p.textContent).join('\\n')",
                           "Byline cannot see “images/cover.png”: its sandbox shows it the article "
                           "but not the folder around it (see “Byline cannot see an image” in the help)\n"
                           "Byline cannot see “images/figure.png”: its sandbox shows it the article "
                           "but not the folder around it (see “Byline cannot see an image” in the help)");
  byline_test_wait_for_js (window, "String(document.querySelectorAll('#byline-article img').length)",
                           "0");

  /* The side panel says it of the cover. */
  byline_test_wait_for_label (GTK_WIDGET (window),
                              "Byline cannot see “images/cover.png”: its sandbox shows it the article");
  byline_test_save_screenshot (GTK_WIDGET (window), "sandbox-window");

  byline_test_close_window (window);
}

/* A screenshot pasted into the article cannot go beside it: the window says which folder and
 * why, and saves it in one the writer chooses, linked from the article by its full path. */
static void
test_paste_elsewhere (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (article_path ());
  g_autofree char *folder = g_path_get_dirname (article_path ());
  g_autofree char *expected = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *pictures = g_build_filename (g_get_home_dir (), "Pictures", NULL);
  g_autofree char *copy = NULL;
  g_autoptr(GBytes) pixels = g_bytes_new_static ((const guchar[]) { 255, 0, 0, 255 }, 4);
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (1, 1, GDK_MEMORY_R8G8B8A8, pixels, 4);
  g_autofree char *text = NULL;
  AdwAlertDialog *dialog;
  const char *words;
  BylineWindow *window;
  GtkTextBuffer *buffer;
  GtkWidget *view;
  GtkTextIter end;

  g_assert_no_errno (g_mkdir_with_parents (pictures, 0700));
  window = byline_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_test_open_file (window, file);
  buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
  view = GTK_WIDGET (byline_page_get_view (byline_window_get_page (window)));
  gtk_widget_grab_focus (view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (view), texture);
  g_assert_true (gtk_widget_activate_action (view, "clipboard.paste", NULL));
  dialog = wait_for_alert (window, "Image Not Saved", &words);
  expected = g_strdup_printf ("Byline is not allowed to write in the folder “%s/images”: its "
                              "sandbox shows it the article alone", folder);
  g_assert_cmpstr (words, ==, expected);
  answer_alert (window, dialog, "choose");
  choose_folder (pictures);

  needle = g_strdup_printf ("![](%s/pasted-image-", pictures);
  byline_test_wait_until (buffer_contains, &(TextWait) { buffer, needle }, "the image's Markdown");
  text = byline_test_buffer_text (buffer);
  copy = g_strndup (strstr (text, needle) + strlen ("![]("),
                    strstr (strstr (text, needle), ".png)") + strlen (".png") - strstr (text, needle) - strlen ("![]("));
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  byline_test_wait_for_js (window,
                           "Array.from(document.querySelectorAll('#byline-article img'))"
                           ".filter(i => i.src.includes('pasted-image-') && i.complete"
                           " && i.naturalWidth === 1).length",
                           "1");

  gtk_text_buffer_set_modified (buffer, FALSE);
  byline_test_close_window (window);
}

/* The exported page names each image it could not include, with the reason. */
static void
test_export_names_images (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (article_path ());
  g_autofree char *out = g_build_filename (g_get_home_dir (), "Exports", NULL);
  g_autofree char *page = g_build_filename (out, "page.html", NULL);
  AdwAlertDialog *dialog;
  const char *words;
  BylineWindow *window;

  g_assert_no_errno (g_mkdir_with_parents (out, 0700));
  window = byline_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_test_open_file (window, file);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-html", NULL));
  choose_file (page);
  dialog = wait_for_alert (window, "Images Left Out", &words);
  g_assert_nonnull (strstr (words, "• Byline cannot see “images/figure.png”: its sandbox shows it "
                                   "the article but not the folder around it"));
  byline_test_wait_until (file_holds_page, page, "the page to be written");
  answer_alert (window, dialog, "close");

  byline_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  app = byline_test_app_start ("io.github.byline.Byline.SandboxTests");

  g_test_add_func ("/Byline/Sandbox/article-alone", test_article_alone);
  g_test_add_func ("/Byline/Sandbox/paste-elsewhere", test_paste_elsewhere);
  g_test_add_func ("/Byline/Sandbox/export-names-images", test_export_names_images);

  return byline_test_app_run ();
}
