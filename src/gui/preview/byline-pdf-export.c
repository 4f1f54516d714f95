/* byline-pdf-export.c
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

#define G_LOG_DOMAIN "byline-pdf-export"

#include "config.h"

#include <glib/gi18n.h>
#include <webkit/webkit.h>

#include "byline-html-export.h"
#include "byline-pdf-export.h"

/*
 * PDF export prints the exported HTML page (see byline-html-export.c) with WebKit, so the PDF
 * has the preview's look; no pandoc, no TeX. The page is loaded in an offscreen web view that
 * runs no script, then WebKitPrintOperation prints it through GTK's "Print to File" printer.
 * WebKit needs a display for this, so `byline --export --format pdf` does too (Xvfb will do).
 */

#define DEFAULT_MARGIN_MM 20.0

/* The paper the writer chose in the print dialog, for every later export in this session. */
static GtkPageSetup *chosen_page_setup;

typedef struct
{
  WebKitWebView        *web_view;
  WebKitPrintOperation *operation;
  GtkPageSetup         *page_setup;
  GFile                *output;
  char                 *html;
  GError               *error;
} PdfExport;

static void
pdf_export_free (PdfExport *state)
{
  g_clear_object (&state->operation);
  g_clear_object (&state->web_view);
  g_clear_object (&state->page_setup);
  g_clear_object (&state->output);
  g_clear_pointer (&state->html, g_free);
  g_clear_error (&state->error);
  g_free (state);
}

/**
 * byline_pdf_export_default_page_setup:
 *
 * The page setup PDF export uses when the writer has not chosen one: the locale's paper size
 * (A4, or Letter where that is the custom) with 20 mm margins on every side.
 *
 * Returns: (transfer full): a page setup
 */
GtkPageSetup *
byline_pdf_export_default_page_setup (void)
{
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (NULL);
  GtkPageSetup *page_setup = gtk_page_setup_new ();

  gtk_page_setup_set_paper_size (page_setup, paper);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_page_setup_set_top_margin (page_setup, DEFAULT_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (page_setup, DEFAULT_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (page_setup, DEFAULT_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (page_setup, DEFAULT_MARGIN_MM, GTK_UNIT_MM);

  return page_setup;
}

/* Stops listening to the web view and the operation before the task and its state go. */
static void
disconnect_all (GTask *task)
{
  PdfExport *state = g_task_get_task_data (task);

  g_signal_handlers_disconnect_by_data (state->web_view, task);
  if (state->operation != NULL)
    g_signal_handlers_disconnect_by_data (state->operation, task);
}

/**
 * byline_pdf_export_get_page_setup:
 *
 * The page setup the menu's PDF export uses: the paper and orientation last chosen with
 * byline_pdf_export_choose_page_setup(), or the default.
 *
 * Returns: (transfer full): a page setup
 */
GtkPageSetup *
byline_pdf_export_get_page_setup (void)
{
  if (chosen_page_setup != NULL)
    return gtk_page_setup_copy (chosen_page_setup);

  return byline_pdf_export_default_page_setup ();
}

static void
page_setup_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GtkPrintSetup *setup;
  GtkPageSetup *page_setup;
  GtkPageSetup *chosen;

  if (!(setup = gtk_print_dialog_setup_finish (GTK_PRINT_DIALOG (object), result, &error)))
    {
      if (!g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
        g_warning ("Could not set up the page: %s", error->message);
      return;
    }

  if ((page_setup = gtk_print_setup_get_page_setup (setup)) == NULL)
    {
      gtk_print_setup_unref (setup);
      return;
    }

  /* Paper and orientation come from the dialog. Its margins are the printer's unprintable
   * edges, too narrow for reading, so the article keeps its own. */
  chosen = byline_pdf_export_default_page_setup ();
  gtk_page_setup_set_paper_size (chosen, gtk_page_setup_get_paper_size (page_setup));
  gtk_page_setup_set_orientation (chosen, gtk_page_setup_get_orientation (page_setup));
  g_set_object (&chosen_page_setup, chosen);
  g_object_unref (chosen);
  gtk_print_setup_unref (setup);
}

/**
 * byline_pdf_export_choose_page_setup:
 * @parent: (nullable): the window the print dialog belongs to
 *
 * Shows the print dialog to choose the paper and orientation of exported PDFs.
 */
void
byline_pdf_export_choose_page_setup (GtkWindow *parent)
{
  g_autoptr(GtkPrintDialog) dialog = gtk_print_dialog_new ();
  g_autoptr(GtkPageSetup) page_setup = byline_pdf_export_get_page_setup ();

  gtk_print_dialog_set_title (dialog, _("Page Setup for PDF Export"));
  gtk_print_dialog_set_accept_label (dialog, _("_Use"));
  gtk_print_dialog_set_page_setup (dialog, page_setup);
  gtk_print_dialog_setup (dialog, parent, NULL, page_setup_cb, NULL);
}

static void
print_failed_cb (WebKitPrintOperation *operation,
                 GError               *error,
                 GTask                *task)
{
  PdfExport *state = g_task_get_task_data (task);

  if (state->error == NULL)
    state->error = g_error_copy (error);
}

static void
print_finished_cb (WebKitPrintOperation *operation,
                   GTask                *task)
{
  PdfExport *state = g_task_get_task_data (task);

  disconnect_all (task);
  if (state->error != NULL)
    g_task_return_error (task, g_steal_pointer (&state->error));
  else if (!g_file_query_exists (state->output, NULL))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The PDF was not written"));
  else
    g_task_return_boolean (task, TRUE);

  g_object_unref (task);
}

static void
start_printing (GTask *task)
{
  PdfExport *state = g_task_get_task_data (task);
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *uri = g_file_get_uri (state->output);

  /* GTK's file printer goes by its translated name. */
  gtk_print_settings_set_printer (settings, g_dgettext ("gtk40", "Print to File"));
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set_paper_size (settings, gtk_page_setup_get_paper_size (state->page_setup));
  gtk_print_settings_set_orientation (settings, gtk_page_setup_get_orientation (state->page_setup));

  state->operation = webkit_print_operation_new (state->web_view);
  webkit_print_operation_set_print_settings (state->operation, settings);
  webkit_print_operation_set_page_setup (state->operation, state->page_setup);
  g_signal_connect (state->operation, "failed", G_CALLBACK (print_failed_cb), task);
  g_signal_connect (state->operation, "finished", G_CALLBACK (print_finished_cb), task);
  webkit_print_operation_print (state->operation);
}

static void
load_changed_cb (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 GTask           *task)
{
  if (event != WEBKIT_LOAD_FINISHED)
    return;

  if (g_task_return_error_if_cancelled (task))
    {
      disconnect_all (task);
      g_object_unref (task);
      return;
    }

  start_printing (task);
}

static gboolean
load_failed_cb (WebKitWebView   *web_view,
                WebKitLoadEvent  event,
                const char      *failing_uri,
                GError          *error,
                GTask           *task)
{
  /* load-changed still reports FINISHED after a failure: stop listening first. */
  disconnect_all (task);
  g_task_return_error (task, g_error_copy (error));
  g_object_unref (task);

  return TRUE;
}

/**
 * byline_pdf_export_async:
 * @html: a standalone page, as byline_html_export_text() makes
 * @page_setup: (nullable): paper and margins; %NULL for
 *   byline_pdf_export_get_page_setup()
 * @output: the PDF file to write
 * @cancellable: (nullable): cancels before printing starts
 * @callback: called when the PDF is written or has failed
 * @user_data: data for @callback
 *
 * Prints @html to a PDF file. Needs a display.
 */
void
byline_pdf_export_async (const char          *html,
                         GtkPageSetup        *page_setup,
                         GFile               *output,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(WebKitNetworkSession) session = NULL;
  g_autoptr(WebKitSettings) settings = NULL;
  PdfExport *state;
  GTask *task;

  g_return_if_fail (html != NULL);
  g_return_if_fail (page_setup == NULL || GTK_IS_PAGE_SETUP (page_setup));
  g_return_if_fail (G_IS_FILE (output));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_pdf_export_async);

  state = g_new0 (PdfExport, 1);
  state->html = g_strdup (html);
  state->output = g_object_ref (output);
  state->page_setup = page_setup ? gtk_page_setup_copy (page_setup)
                                 : byline_pdf_export_get_page_setup ();
  g_task_set_task_data (task, state, (GDestroyNotify) pdf_export_free);

  /* Nothing in the page runs: it is the writer's content, not code. */
  settings = webkit_settings_new ();
  webkit_settings_set_enable_javascript (settings, FALSE);
  webkit_settings_set_enable_page_cache (settings, FALSE);
  webkit_settings_set_print_backgrounds (settings, TRUE);
  session = webkit_network_session_new_ephemeral ();
  state->web_view = g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                                     "network-session", session,
                                                     "settings", settings,
                                                     NULL));

  g_signal_connect (state->web_view, "load-changed", G_CALLBACK (load_changed_cb), task);
  g_signal_connect (state->web_view, "load-failed", G_CALLBACK (load_failed_cb), task);
  webkit_web_view_load_html (state->web_view, state->html, "about:blank");
}

/**
 * byline_pdf_export_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the PDF was written
 */
gboolean
byline_pdf_export_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} CliWait;

static void
cli_export_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CliWait *wait = user_data;

  byline_pdf_export_finish (result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/**
 * byline_pdf_export_run_cli:
 * @article_path: the Markdown article
 * @output_path: (nullable): the PDF to write
 * @flags: #BylineHtmlExportFlags
 *
 * `byline --export ARTICLE --format pdf --output FILE [--with-suggestions]`: writes the PDF and returns the exit
 * status, printing any error.
 *
 * Returns: 0 on success, 1 on failure, 2 on wrong usage
 */
int
byline_pdf_export_run_cli (const char            *article_path,
                           const char            *output_path,
                           BylineHtmlExportFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) article = NULL;
  g_autoptr(GFile) base_dir = NULL;
  g_autoptr(GFile) output = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  CliWait wait = { NULL, NULL };
  gsize length;

  if (output_path == NULL)
    {
      g_printerr (_("--format pdf needs --output FILE\n"));
      return 2;
    }

  if (!gtk_init_check ())
    {
      g_printerr (_("PDF export needs a display; run it in a graphical session or under Xvfb\n"));
      return 1;
    }

  article = g_file_new_for_commandline_arg (article_path);
  output = g_file_new_for_commandline_arg (output_path);
  base_dir = g_file_get_parent (article);
  if (!g_file_load_contents (article, NULL, &text, &length, NULL, &error) ||
      !(html = byline_html_export_text_full (text, length, base_dir, flags, NULL, NULL, &error)))
    {
      g_printerr ("%s: %s\n", article_path, error->message);
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  byline_pdf_export_async (html, NULL, output, NULL, cli_export_cb, &wait);
  g_main_loop_run (loop);

  if (wait.error != NULL)
    {
      g_printerr ("%s: %s\n", output_path, wait.error->message);
      g_clear_error (&wait.error);
      return 1;
    }

  return 0;
}
