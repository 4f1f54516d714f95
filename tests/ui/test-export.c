/* test-export.c
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
 * Export from the menu and from the command line, checked in the written files: the HTML
 * page's structure, and the PDF's text through pdftotext. The save dialog is GTK's own (no
 * portal in the test session); the test fills it in as a writer would.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "byline-application.h"
#include "byline-page.h"
#include "byline-test-utils.h"
#include "byline-window.h"

/* A 1×1 PNG. */
#define PNG_BASE64 \
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="

static const char article[] =
  "---\n"
  "title: Notes from the Night Train\n"
  "description: A sleeper from Vienna to Hamburg, written up.\n"
  "site: https://example.com\n"
  "path: /posts/night-train\n"
  "atUri: at://did:plc:abc123/site.standard.document/3lbq2xyzabc22\n"
  "---\n"
  "\n"
  "The carriage rocked gently past Linz.\n"
  "\n"
  "![The couchette](couchette.png)\n";

static BylineApplication *app;
static char *workdir;

static BylineWindow *
open_article (void)
{
  g_autofree char *path = g_build_filename (workdir, "night-train.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BylineWindow *window = byline_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  byline_test_open_file (window, file);

  return window;
}

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

/* Answers the save dialog with @name in the work folder. */
static char *
answer_save_dialog (const char *name)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *initial_name = NULL;
  g_autofree char *path = NULL;
  GtkWidget *chooser = NULL;

  byline_test_wait_until (find_file_chooser, &chooser, "the save dialog");

  /* The dialog proposes the article's own name with the format's extension. */
  initial_name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_str_has_prefix (initial_name, "night-train."));

  path = g_build_filename (workdir, name, NULL);
  file = g_file_new_for_path (path);
  /* It opens in the article's folder; the writer types a name. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  byline_test_wait_until (chooser_has_file, &(ChooserWait) { chooser, file }, "the save dialog to take the name");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  return g_steal_pointer (&path);
}

/* Activates @action, then answers the save dialog it opens with @name in the work folder. */
static char *
export_through_dialog (BylineWindow *window,
                       const char   *action,
                       const char   *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));

  return answer_save_dialog (name);
}

G_GNUC_END_IGNORE_DEPRECATIONS

/* An error dialog in the window fails the test at once, with its message. */
static void
assert_no_error_dialog (BylineWindow *window)
{
  AdwDialog *dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));

  if (ADW_IS_ALERT_DIALOG (dialog))
    g_error ("%s: %s", adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)),
             adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog)));
}

typedef struct
{
  BylineWindow *window;
  const char   *path;
  gboolean    (*complete) (gpointer path);
} ExportWait;

static gboolean
export_written (gpointer data)
{
  ExportWait *wait = data;

  assert_no_error_dialog (wait->window);

  return wait->complete ((gpointer) wait->path);
}

static gboolean
pdf_complete (gpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  /* A complete PDF ends with its end-of-file marker (binary data before it may hold NULs). */
  for (gsize i = length > 1024 ? length - 1024 : 0; i + 5 <= length; i++)
    {
      if (memcmp (contents + i, "%%EOF", 5) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
html_complete (gpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  return strstr (contents, "</html>") != NULL;
}

static char *
pdf_to_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  return out;
}

/* The default page: the locale's paper, A4 or US Letter, portrait. */
static void
assert_default_paper (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (strstr (out, "595 x 842 pts (A4)") != NULL ||
                 strstr (out, "612 x 792 pts (letter)") != NULL);
}

/* Types at the end of the article, after what the file held. */
static void
type_at_end (BylineWindow *window,
             const char   *text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  byline_test_type_text (window, text);
}

static void
test_pdf_from_menu (void)
{
  BylineWindow *window = open_article ();
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  /* The export is of what is in the editor, saved or not. */
  type_at_end (window, "\nTyped after opening, never saved.\n");
  pdf = export_through_dialog (window, "win.export-pdf", "menu-export.pdf");
  byline_test_wait_until (export_written, &(ExportWait) { window, pdf, pdf_complete }, "the PDF to be written");

  text = pdf_to_text (pdf);
  g_assert_nonnull (strstr (text, "Notes from the Night Train"));
  g_assert_nonnull (strstr (text, "A sleeper from Vienna to Hamburg, written up."));
  g_assert_nonnull (strstr (text, "The carriage rocked gently past Linz."));
  g_assert_nonnull (strstr (text, "Typed after opening, never saved."));
  /* Front matter is metadata, not text. */
  g_assert_null (strstr (text, "atUri"));
  g_assert_null (strstr (text, "---"));
  assert_default_paper (pdf);

  byline_test_close_window (window);
}

static gboolean
find_print_dialog (gpointer data)
{
  GtkWidget **dialog = data;
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *iter = toplevels; iter; iter = iter->next)
    {
      /* GTK's own print dialog (no portal here); its properties are enough to drive it. */
      if (g_str_equal (G_OBJECT_TYPE_NAME (iter->data), "GtkPrintUnixDialog") &&
          gtk_widget_get_visible (iter->data))
        {
          *dialog = iter->data;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
has_printer (gpointer data)
{
  g_autoptr(GObject) printer = NULL;

  g_object_get (data, "selected-printer", &printer, NULL);

  return printer != NULL;
}

static gboolean
dialog_closed (gpointer data)
{
  GtkWidget *dialog = NULL;

  return !find_print_dialog (&dialog);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

/* Page Setup… opens the print dialog; the paper chosen there is the PDF's. */
static void
test_pdf_page_setup (void)
{
  BylineWindow *window = open_article ();
  g_autoptr(GtkPaperSize) a5 = gtk_paper_size_new (GTK_PAPER_NAME_A5);
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  const char *argv[4] = { "pdfinfo", NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *info = NULL;
  g_autofree char *pdf = NULL;
  GtkWidget *dialog = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page-setup", NULL));
  byline_test_wait_until (find_print_dialog, &dialog, "the print dialog");
  /* The writer picks a printer; the test has only GTK's file printer. */
  gtk_print_settings_set_printer (settings, g_dgettext ("gtk40", "Print to File"));
  g_object_set (dialog, "print-settings", settings, NULL);
  byline_test_wait_until (has_printer, dialog, "a printer to be selected");

  gtk_page_setup_set_paper_size (page_setup, a5);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  g_object_set (dialog, "page-setup", page_setup, NULL);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  byline_test_wait_until (dialog_closed, NULL, "the print dialog to close");

  pdf = export_through_dialog (window, "win.export-pdf", "a5.pdf");
  byline_test_wait_until (export_written, &(ExportWait) { window, pdf, pdf_complete }, "the PDF to be written");

  argv[1] = pdf;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &info, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (info, "595 x 420 pts"));

  byline_test_close_window (window);
}

G_GNUC_END_IGNORE_DEPRECATIONS

static void
test_html_from_menu (void)
{
  BylineWindow *window = open_article ();
  g_autofree char *html_path = NULL;
  g_autofree char *html = NULL;

  html_path = export_through_dialog (window, "win.export-html", "menu-export.html");
  byline_test_wait_until (export_written, &(ExportWait) { window, html_path, html_complete },
              "the HTML page to be written");

  g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, "<title>Notes from the Night Train</title>"));
  g_assert_nonnull (strstr (html, "<meta property=\"og:title\" content=\"Notes from the Night Train\">"));
  g_assert_nonnull (strstr (html, "<link rel=\"site.standard.document\" href=\"at://did:plc:abc123/site.standard.document/3lbq2xyzabc22\">"));
  g_assert_nonnull (strstr (html, "src=\"data:image/png;base64," PNG_BASE64 "\""));
  g_assert_null (strstr (html, "<script"));

  byline_test_close_window (window);
}

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

/* Answers the question an article with suggestions left asks before its export, after
 * checking that it says where they are. */
static void
answer_suggestions_question (BylineWindow *window,
                             const char   *response)
{
  AdwDialog *dialog;

  byline_test_wait_until (alert_shown, window, "the question about suggestions");
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), ==,
                   "Suggestions and Comments Left");
  g_assert_nonnull (strstr (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog)),
                            "3 suggestions or comments left (lines 9, 11)"));
  /* As a click on the button does: the response, then the dialog closes. */
  g_signal_emit_by_name (dialog, "response", response);
  adw_dialog_force_close (dialog);
  byline_test_wait_until (alert_gone, window, "the question to close");
}

/* Suggestions and comments never leave unasked: the export asks first, and exports them as
 * tracked changes only when the writer says so. */
static void
test_html_with_suggestions (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  BylineWindow *window = open_article ();
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
  g_autofree char *html_path = NULL;
  g_autofree char *html = NULL;
  GtkWidget *chooser = NULL;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line (buffer, &iter, 8);
  gtk_text_buffer_insert (buffer, &iter, "The {~~carriage~>train~~} rocked. {>>Ann: when?<<}\n", -1);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 10);
  gtk_text_buffer_insert (buffer, &iter, "{++Night fell.++}\n\n", -1);

  /* The page takes the preview's theme. */
  g_settings_set_string (settings, "preview-theme", "newsletter");

  /* Cancelled: no save dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-html", NULL));
  answer_suggestions_question (window, "cancel");
  g_assert_false (find_file_chooser (&chooser));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-html", NULL));
  answer_suggestions_question (window, "with-suggestions");
  html_path = answer_save_dialog ("with-suggestions.html");
  byline_test_wait_until (export_written, &(ExportWait) { window, html_path, html_complete },
                          "the HTML page to be written");

  g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, "<del class=\"critic-old\">carriage</del><ins class=\"critic-new\">train</ins>"));
  g_assert_nonnull (strstr (html, "<ins class=\"critic critic-addition\">Night fell.</ins>"));
  g_assert_nonnull (strstr (html, "<span class=\"critic-author\">Ann</span>"));
  g_assert_nonnull (strstr (html, "<html class=\"theme-newsletter\">"));

  g_settings_reset (settings, "preview-theme");
  byline_test_close_window (window);
}

static char *
run_cli (const char *format,
         const char *output,
         int        *exit_status)
{
  g_autofree char *input = g_build_filename (workdir, "night-train.md", NULL);
  const char *argv[] = { g_getenv ("BYLINE_BINARY"), "--export", input, "--format", format,
                         "--output", output, NULL };
  g_autoptr(GError) error = NULL;
  char *err = NULL;
  int status;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  *exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;

  return err;
}

static gboolean
html_written_with_alert (gpointer data)
{
  ExportWait *wait = data;

  return html_complete ((gpointer) wait->path) && alert_shown (wait->window);
}

/* An image the page cannot carry is named with the reason once the page is written, as the
 * command line does; the image it can carry is in the page. */
static void
test_html_names_images_left_out (void)
{
  BylineWindow *window = open_article ();
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_page_get_document (byline_window_get_page (window)));
  g_autofree char *html_path = NULL;
  g_autofree char *html = NULL;
  AdwDialog *dialog;
  const char *list;

  type_at_end (window, "\n\n![The sleeper](images/sleeper.png)\n");
  html_path = export_through_dialog (window, "win.export-html", "left-out.html");
  byline_test_wait_until (html_written_with_alert, &(ExportWait) { window, html_path, NULL },
                          "the page to be written and the images left out to be named");

  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), ==, "Images Left Out");
  g_assert_nonnull (strstr (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog)), "“left-out.html” was written"));
  list = gtk_label_get_text (GTK_LABEL (adw_alert_dialog_get_extra_child (ADW_ALERT_DIALOG (dialog))));
  g_assert_cmpstr (list, ==, "• There is no file “images/sleeper.png” beside the article");
  adw_dialog_force_close (dialog);
  byline_test_wait_until (alert_gone, window, "the dialog to close");

  g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, "src=\"data:image/png;base64," PNG_BASE64 "\""));
  g_assert_nonnull (strstr (html, "src=\"images/sleeper.png\""));

  gtk_text_buffer_set_modified (buffer, FALSE);
  byline_test_close_window (window);
}

static void
test_pdf_from_command_line (void)
{
  g_autofree char *pdf = g_build_filename (workdir, "cli-export.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  int status;

  err = run_cli ("pdf", pdf, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (pdf_complete (pdf));

  text = pdf_to_text (pdf);
  g_assert_nonnull (strstr (text, "Notes from the Night Train"));
  g_assert_nonnull (strstr (text, "The carriage rocked gently past Linz."));
}

static void
test_html_from_command_line (void)
{
  g_autofree char *path = g_build_filename (workdir, "cli-export.html", NULL);
  g_autofree char *err = NULL;
  g_autofree char *html = NULL;
  int status;

  err = run_cli ("html", path, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (path, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, "<title>Notes from the Night Train</title>"));
  g_assert_nonnull (strstr (html, "src=\"data:image/png;base64," PNG_BASE64 "\""));

  g_free (err);
  err = run_cli ("docx", path, &status);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "--format"));
}

static void
write_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *md = g_build_filename (workdir, "night-train.md", NULL);
  g_autofree char *png_path = g_build_filename (workdir, "couchette.png", NULL);
  g_autofree guchar *png = NULL;
  gsize png_length;

  png = g_base64_decode (PNG_BASE64, &png_length);
  g_file_set_contents (md, article, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (png_path, (const char *) png, png_length, &error);
  g_assert_no_error (error);
}

static void
remove_workdir (void)
{
  const char *name;
  g_autoptr(GDir) dir = g_dir_open (workdir, 0, NULL);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (workdir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (workdir);
}

#define PUBLICATION "at://did:plc:exporttest/site.standard.publication/3lexportpub2a"

/* The colours of a publication read in an earlier session, as the cache folder keeps them. */
static void
write_publication_cache (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), APP_ID, NULL);
  g_autofree char *path = g_build_filename (dir, "publication-themes.json", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path,
                                      "{\"" PUBLICATION "\":{\"$type\":\"site.standard.theme.basic\","
                                      "\"background\":{\"r\":253,\"g\":246,\"b\":227},"
                                      "\"foreground\":{\"r\":7,\"g\":54,\"b\":66},"
                                      "\"accent\":{\"r\":203,\"g\":75,\"b\":22},"
                                      "\"accentForeground\":{\"r\":255,\"g\":255,\"b\":255}}}",
                                      -1, NULL));
}

/* The Publication theme: the page exported carries the publication's colours, known from the
 * cache even with no network. */
static void
test_html_publication_colours (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autofree char *path = g_build_filename (workdir, "night-train.md", NULL);
  g_autofree char *fixture = NULL;
  g_autofree char *html_path = NULL;
  g_autofree char *html = NULL;
  BylineWindow *window;

  /* The article, in a publication, for this test only. */
  g_assert_true (g_file_get_contents (path, &fixture, NULL, NULL));
  g_assert_true (g_file_set_contents (path, "---\ntitle: Solar\nsite: " PUBLICATION "\n---\n\n"
                                      "Warm light.\n", -1, NULL));
  g_settings_set_string (settings, "preview-theme", "publication");
  window = open_article ();
  byline_test_wait_for_preview_text (window, "Warm light.");
  byline_test_wait_for_js (window, "getComputedStyle(document.documentElement).backgroundColor",
                           "rgb(253, 246, 227)");

  html_path = export_through_dialog (window, "win.export-html", "solar.html");
  byline_test_wait_until (export_written, &(ExportWait) { window, html_path, html_complete },
                          "the HTML page to be written");
  g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, "<html class=\"theme-publication\">"));
  g_assert_nonnull (strstr (html, "--bg: #fdf6e3;"));
  g_assert_nonnull (strstr (html, "--accent: #cb4b16;"));

  g_settings_reset (settings, "preview-theme");
  byline_test_close_window (window);
  g_assert_true (g_file_set_contents (path, fixture, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* No accessibility bus is needed to export; do not depend on the session keeping one. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  /* With GTK's test accessibility backend WebKit cannot plug its page into AT-SPI and warns
   * about it (through structured logging, which a fatal handler cannot filter); criticals
   * stay fatal. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  workdir = g_dir_make_tmp ("byline-export-XXXXXX", NULL);
  g_assert_nonnull (workdir);
  write_fixture ();
  write_publication_cache ();
  /* The publication's record is asked for too: from nowhere, so the cache is what counts. */
  g_setenv ("BYLINE_PLC_DIRECTORY", "http://127.0.0.1:9", TRUE);

  app = byline_test_app_start ("io.github.byline.Byline.ExportTests");

  g_test_add_func ("/Byline/Export/pdf-from-menu", test_pdf_from_menu);
  g_test_add_func ("/Byline/Export/html-from-menu", test_html_from_menu);
  g_test_add_func ("/Byline/Export/html-with-suggestions", test_html_with_suggestions);
  g_test_add_func ("/Byline/Export/html-names-images-left-out", test_html_names_images_left_out);
  g_test_add_func ("/Byline/Export/html-publication-colours", test_html_publication_colours);
  g_test_add_func ("/Byline/Export/pdf-page-setup", test_pdf_page_setup);
  g_test_add_func ("/Byline/Export/pdf-from-command-line", test_pdf_from_command_line);
  g_test_add_func ("/Byline/Export/html-from-command-line", test_html_from_command_line);

  status = byline_test_app_run ();

  remove_workdir ();
  g_clear_pointer (&workdir, g_free);

  return status;
}
