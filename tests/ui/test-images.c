/* test-images.c
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
 * Images pasted into the editor of the real window: image data (a screenshot) and an image
 * file copied in a file manager are copied into images/ beside the article, referred to from
 * the text, and shown by the preview; an existing image of the same name is never replaced;
 * an unsaved article gets nothing copied anywhere; when the folder beside the article cannot
 * be written, the writer is told which and why and chooses another folder in GTK's own folder
 * dialog (no portal in the test session). Pasting goes through the text view's own
 * clipboard.paste action, as Ctrl+V does.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "byline-application.h"
#include "byline-test-utils.h"
#include "byline-window.h"

static BylineApplication *app;

typedef struct
{
  GtkTextBuffer *buffer;
  const char    *needle;
} TextWait;

static gboolean
buffer_contains (gpointer data)
{
  TextWait *wait = data;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (wait->buffer, &start, &end);
  text = gtk_text_buffer_get_text (wait->buffer, &start, &end, FALSE);

  return strstr (text, wait->needle) != NULL;
}

static GdkTexture *
make_texture (void)
{
  static const guchar pixels[4 * 2 * 2] = {
    255, 0, 0, 255,   0, 255, 0, 255,
    0, 0, 255, 255,   255, 255, 255, 255,
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (pixels, sizeof pixels);

  return gdk_memory_texture_new (2, 2, GDK_MEMORY_R8G8B8A8, bytes, 2 * 4);
}

static void
place_cursor_at_end (GtkTextBuffer *buffer)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
}

static void
test_paste_images (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-images-XXXXXX", NULL);
  g_autofree char *pictures = g_dir_make_tmp ("byline-pictures-XXXXXX", NULL);
  g_autofree char *article = g_build_filename (dir, "article.md", NULL);
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *existing = g_build_filename (images, "photo.png", NULL);
  g_autofree char *source_path = g_build_filename (pictures, "photo.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (article);
  g_autoptr(GFile) source = g_file_new_for_path (source_path);
  g_autoptr(GdkTexture) texture = make_texture ();
  g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (texture);
  GdkFileList *files;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  BylineWindow *window;
  GtkWidget *view;
  GtkTextBuffer *buffer;
  GdkClipboard *clipboard;
  TextWait wait;
  const char *start, *end;
  gsize len;

  g_assert_true (g_file_set_contents (article, "---\ntitle: Pictures\n---\n# Pictures\n\n", -1, NULL));
  g_assert_cmpint (g_mkdir (images, 0755), ==, 0);
  g_assert_true (g_file_set_contents (existing, "an earlier photo", -1, NULL));
  g_assert_true (g_file_set_contents (source_path, g_bytes_get_data (png, NULL),
                                      g_bytes_get_size (png), NULL));

  window = byline_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_window_open_file (window, file);
  buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
  byline_test_wait_for_document (BYLINE_DOCUMENT (buffer));
  view = GTK_WIDGET (byline_page_get_view (byline_window_get_page (window)));
  gtk_widget_grab_focus (view);
  clipboard = gtk_widget_get_clipboard (view);

  /* A screenshot: image data alone. */
  place_cursor_at_end (buffer);
  gdk_clipboard_set_texture (clipboard, texture);
  g_assert_true (gtk_widget_activate_action (view, "clipboard.paste", NULL));
  wait = (TextWait) { buffer, "](images/pasted-image-" };
  byline_test_wait_until (buffer_contains, &wait, "the pasted image's Markdown");

  /* A paragraph of its own, below the heading. */
  text = byline_test_buffer_text (buffer);
  start = strstr (text, "# Pictures\n\n![](images/pasted-image-");
  g_assert_nonnull (start);
  start += strlen ("# Pictures\n\n");
  end = strstr (start, ".png)");
  g_assert_nonnull (end);
  {
    g_autofree char *relative = g_strndup (start + strlen ("![]("), end + strlen (".png") - start - strlen ("![]("));
    g_autofree char *full = g_build_filename (dir, relative, NULL);

    g_assert_true (g_file_get_contents (full, &contents, &len, NULL));
    g_assert_cmpmem (contents, len, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
    g_clear_pointer (&contents, g_free);
  }

  /* The preview shows it, resolved against the article's folder. */
  {
    byline_test_wait_for_js (window,
                             "Array.from(document.querySelectorAll('#byline-article img'))"
                             ".filter(i => i.src.includes('images/pasted-image-') && i.complete"
                             " && i.naturalWidth === 2).length",
                             "1");
  }

  /* An image file copied in a file manager, named like one already there. */
  gtk_text_buffer_insert_at_cursor (buffer, "\n", -1);
  files = gdk_file_list_new_from_array ((GFile *[]) { source }, 1);
  gdk_clipboard_set (clipboard, GDK_TYPE_FILE_LIST, files);
  g_boxed_free (GDK_TYPE_FILE_LIST, files);
  g_assert_true (gtk_widget_activate_action (view, "clipboard.paste", NULL));
  wait = (TextWait) { buffer, ".png)\n\n![photo](images/photo-2.png)" };
  byline_test_wait_until (buffer_contains, &wait, "the pasted file's Markdown");

  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "an earlier photo");
  g_clear_pointer (&contents, g_free);
  {
    g_autofree char *copy = g_build_filename (images, "photo-2.png", NULL);

    g_assert_true (g_file_get_contents (copy, &contents, &len, NULL));
    g_assert_cmpmem (contents, len, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
    g_clear_pointer (&contents, g_free);
  }

  /* Undo takes the image reference out again. */
  gtk_text_buffer_set_modified (buffer, FALSE);
  byline_test_save_screenshot (GTK_WIDGET (window), "images-pasted");
  g_assert_true (gtk_widget_activate_action (view, "text.undo", NULL));
  g_free (text);
  text = byline_test_buffer_text (buffer);
  g_assert_null (strstr (text, "photo-2.png"));

  gtk_text_buffer_set_modified (buffer, FALSE);
  byline_test_close_window (window);
}

static void
test_unsaved_article (void)
{
  g_autoptr(GdkTexture) texture = make_texture ();
  g_autofree char *text = NULL;
  BylineWindow *window;
  GtkWidget *view;
  GtkTextBuffer *buffer;

  window = byline_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  view = GTK_WIDGET (byline_page_get_view (byline_window_get_page (window)));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (buffer, "Draft", -1);
  place_cursor_at_end (buffer);
  gtk_widget_grab_focus (view);

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (view), texture);
  g_assert_true (gtk_widget_activate_action (view, "clipboard.paste", NULL));
  /* The toast ends the paste. */
  byline_test_wait_for_label (GTK_WIDGET (window), "Save the article first");

  /* Nothing to copy beside: the text is as it was, and nothing was written anywhere. */
  text = byline_test_buffer_text (buffer);
  g_assert_cmpstr (text, ==, "Draft");

  gtk_text_buffer_set_modified (buffer, FALSE);
  byline_test_close_window (window);
}

static gboolean
alert_shown (gpointer data)
{
  return ADW_IS_ALERT_DIALOG (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (data)));
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

/* Answers the folder dialog with @path. */
static void
choose_folder (const char *path)
{
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  GtkWidget *chooser = NULL;

  byline_test_wait_until (find_file_chooser, &chooser, "the folder dialog");
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  byline_test_file_chooser_go_to (chooser, folder);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

G_GNUC_END_IGNORE_DEPRECATIONS

/* The folder beside the article cannot be written (its "images" is a file, as a read-only
 * disk or the sandbox leave it unwritable): the window says which folder and why, offers
 * another, and the article links to the image saved there, which the preview shows. */
static void
test_paste_elsewhere (void)
{
  g_autofree char *dir = g_dir_make_tmp ("byline-readonly-XXXXXX", NULL);
  g_autofree char *chosen = g_dir_make_tmp ("byline-chosen-XXXXXX", NULL);
  g_autofree char *article = g_build_filename (dir, "article.md", NULL);
  g_autofree char *blocker = g_build_filename (dir, "images", NULL);
  g_autofree char *expected_body = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (article);
  g_autoptr(GdkTexture) texture = make_texture ();
  g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (texture);
  BylineWindow *window;
  GtkWidget *view;
  GtkTextBuffer *buffer;
  AdwDialog *dialog;
  TextWait wait;
  const char *start, *end;
  gsize len;

  g_assert_true (g_file_set_contents (article, "# Pictures\n\n", -1, NULL));
  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));

  window = byline_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_window_open_file (window, file);
  buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
  byline_test_wait_for_document (BYLINE_DOCUMENT (buffer));
  view = GTK_WIDGET (byline_page_get_view (byline_window_get_page (window)));
  gtk_widget_grab_focus (view);
  place_cursor_at_end (buffer);

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (view), texture);
  g_assert_true (gtk_widget_activate_action (view, "clipboard.paste", NULL));

  /* The question names the folder and the reason. */
  byline_test_wait_until (alert_shown, window, "the question about another folder");
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), ==,
                   "Image Not Saved");
  expected_body = g_strdup_printf ("“%s” is a file, not a folder", blocker);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (adw_alert_dialog_get_extra_child (ADW_ALERT_DIALOG (dialog)))),
                   ==, expected_body);
  byline_test_save_screenshot (GTK_WIDGET (window), "images-elsewhere-question");
  g_signal_emit_by_name (dialog, "response", "choose");
  adw_dialog_force_close (dialog);

  choose_folder (chosen);

  /* The link is the copy's full path, which resolves from anywhere. */
  needle = g_strdup_printf ("# Pictures\n\n![](%s/pasted-image-", chosen);
  wait = (TextWait) { buffer, needle };
  byline_test_wait_until (buffer_contains, &wait, "the image's Markdown");
  text = byline_test_buffer_text (buffer);
  start = strstr (text, "![](") + strlen ("![](");
  end = strstr (start, ".png)");
  g_assert_nonnull (end);
  {
    g_autofree char *copy = g_strndup (start, end + strlen (".png") - start);

    g_assert_true (g_file_get_contents (copy, &contents, &len, NULL));
    g_assert_cmpmem (contents, len, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  }
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (blocker, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "not a folder");

  byline_test_wait_for_js (window,
                           "Array.from(document.querySelectorAll('#byline-article img'))"
                           ".filter(i => i.src.includes('pasted-image-') && i.complete"
                           " && i.naturalWidth === 2).length",
                           "1");

  gtk_text_buffer_set_modified (buffer, FALSE);
  byline_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  app = byline_test_app_start ("io.github.byline.Byline.ImageTests");

  g_test_add_func ("/Byline/Images/paste", test_paste_images);
  g_test_add_func ("/Byline/Images/unsaved-article", test_unsaved_article);
  g_test_add_func ("/Byline/Images/paste-elsewhere", test_paste_elsewhere);

  return byline_test_app_run ();
}
