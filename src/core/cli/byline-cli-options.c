/* byline-cli-options.c
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

#define G_LOG_DOMAIN "byline-cli-options"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "byline-cli.h"
#include "byline-cli-library.h"
#include "byline-cli-publish.h"
#include "byline-cli-sign-in.h"

/* Byline's whole command line: the options, their checks and the modes that run without a
 * display. The application adds these entries and hands the parsed options here before it
 * registers on the session bus or opens a display, so the modes work on servers and in CI.
 * Wrong usage exits with 2; the modes themselves with 0 or 1. */

static const GOptionEntry option_entries[] = {
  { "export", 'e', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export ARTICLE as a site.standard.document record and exit"), N_("ARTICLE") },
  { "import", 'i', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Turn a site.standard.document RECORD into a Markdown article and exit"), N_("RECORD") },
  { "check", 'c', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Print every problem that would stop ARTICLE from being exported, and exit"), N_("ARTICLE") },
  { "publish", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Publish ARTICLE with the account signed in with --sign-in, or the one in BYLINE_IDENTIFIER "
       "and BYLINE_APP_PASSWORD, and exit"),
    N_("ARTICLE") },
  { "list", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the documents of the account signed in with --sign-in, or the one in BYLINE_IDENTIFIER "
       "and BYLINE_APP_PASSWORD, one a line (AT URI, title, date), and exit"),
    NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --list, print the documents as JSON"), NULL },
  { "pull", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Make an article folder of the published document AT-URI, with its images, and exit"),
    N_("AT-URI") },
  { "diff", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Compare ARTICLE with its published record as a unified diff; exit 0 when the same, 1 when not"),
    N_("ARTICLE") },
  { "sign-in", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Sign in to HANDLE with AT Protocol OAuth in a browser, keep the session in the keyring, "
       "and exit"),
    N_("HANDLE") },
  { "sign-out", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Revoke the OAuth session of HANDLE, remove it from the keyring, and exit"),
    N_("HANDLE") },
  { "format", 'f', 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export, write a record, an html page or a pdf (default: record; pdf needs a display)"),
    N_("FORMAT") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Where --export or --import writes (default: standard output), or the folder --pull makes"),
    N_("FILE") },
  { "with-suggestions", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --format html or pdf, show suggestions and comments as tracked changes"), NULL },
  { "no-content", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --export, leave the Markdown out of the record’s content"), NULL },
  { "content-format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export or --publish, write the record’s content as markdown, leaflet (Leaflet blocks) "
       "or none, whatever the article says"),
    N_("FORMAT") },
  { "new-window", 'w', 0, G_OPTION_ARG_NONE, NULL,
    N_("Open a new window"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

/**
 * byline_cli_get_option_entries:
 *
 * Returns: (transfer none): the command line's options, for g_application_add_main_option_entries()
 */
const GOptionEntry *
byline_cli_get_option_entries (void)
{
  return option_entries;
}

/* --list, --pull and --diff: each alone, --pull with --output. */
static int
handle_library_options (GVariantDict *options,
                        int           other_modes,
                        const char   *output_path,
                        gboolean      export_options)
{
  g_autofree char *pull_uri = NULL;
  g_autofree char *diff_path = NULL;
  gboolean list = FALSE;
  gboolean json = FALSE;

  g_variant_dict_lookup (options, "list", "b", &list);
  g_variant_dict_lookup (options, "json", "b", &json);
  g_variant_dict_lookup (options, "pull", "s", &pull_uri);
  g_variant_dict_lookup (options, "diff", "^ay", &diff_path);

  if (json && !list)
    {
      g_printerr (_("--json goes with --list\n"));
      return 2;
    }
  if (!list && pull_uri == NULL && diff_path == NULL)
    return BYLINE_CLI_CONTINUE;
  if (other_modes + list + !!pull_uri + !!diff_path > 1 || export_options ||
      (output_path != NULL && pull_uri == NULL))
    {
      g_printerr (_("--list, --pull and --diff go alone (--pull with --output)\n"));
      return 2;
    }

  if (list)
    return byline_cli_list (json);
  if (pull_uri != NULL)
    return byline_cli_pull (pull_uri, output_path);

  return byline_cli_diff (diff_path);
}

/**
 * byline_cli_handle_options:
 * @options: the parsed options
 * @export_pdf: runs `--export ARTICLE --format pdf`
 *
 * Checks the options and runs the mode they ask for.
 *
 * Returns: the exit status, or %BYLINE_CLI_CONTINUE when no mode was asked for
 */
int
byline_cli_handle_options (GVariantDict    *options,
                           BylineCliRunner  export_pdf)
{
  g_autofree char *export_path = NULL;
  g_autofree char *import_path = NULL;
  g_autofree char *check_path = NULL;
  g_autofree char *publish_path = NULL;
  g_autofree char *output_path = NULL;
  g_autofree char *format = NULL;
  g_autofree char *content_format = NULL;
  g_autofree char *sign_in = NULL;
  g_autofree char *sign_out = NULL;
  BylineRecordExportFlags content_flags = BYLINE_RECORD_EXPORT_DEFAULT;
  gboolean no_content = FALSE;
  gboolean with_suggestions = FALSE;
  BylineHtmlExportFlags flags;
  int modes;

  g_return_val_if_fail (options != NULL, 2);
  g_return_val_if_fail (export_pdf != NULL, 2);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  g_variant_dict_lookup (options, "export", "^ay", &export_path);
  g_variant_dict_lookup (options, "import", "^ay", &import_path);
  g_variant_dict_lookup (options, "check", "^ay", &check_path);
  g_variant_dict_lookup (options, "publish", "^ay", &publish_path);
  g_variant_dict_lookup (options, "output", "^ay", &output_path);
  g_variant_dict_lookup (options, "format", "s", &format);
  g_variant_dict_lookup (options, "no-content", "b", &no_content);
  g_variant_dict_lookup (options, "content-format", "s", &content_format);
  g_variant_dict_lookup (options, "sign-in", "s", &sign_in);
  g_variant_dict_lookup (options, "sign-out", "s", &sign_out);

  if (sign_in != NULL || sign_out != NULL)
    {
      if (export_path || import_path || check_path || publish_path || output_path || format
          || content_format || no_content || (sign_in && sign_out))
        {
          g_printerr (_("--sign-in and --sign-out go alone\n"));
          return 2;
        }
      return sign_in ? byline_cli_sign_in (sign_in) : byline_cli_sign_out (sign_out);
    }

  if (content_format != NULL)
    {
      gboolean valid;

      content_flags = byline_record_parse_content_format (content_format, &valid);
      if (!valid)
        {
          g_printerr (_("--content-format is markdown, leaflet or none\n"));
          return 2;
        }
      if (export_path == NULL && publish_path == NULL)
        {
          g_printerr (_("--content-format goes with --export or --publish\n"));
          return 2;
        }
      if (no_content && content_flags != BYLINE_RECORD_EXPORT_OMIT_CONTENT)
        {
          g_printerr (_("--no-content and --content-format %s say different things\n"), content_format);
          return 2;
        }
    }
  else if (no_content)
    content_flags = BYLINE_RECORD_EXPORT_OMIT_CONTENT;

  g_variant_dict_lookup (options, "with-suggestions", "b", &with_suggestions);
  flags = with_suggestions ? BYLINE_HTML_EXPORT_WITH_SUGGESTIONS : BYLINE_HTML_EXPORT_DEFAULT;

  modes = !!export_path + !!import_path + !!check_path;
  {
    int status = handle_library_options (options, modes + !!publish_path, output_path,
                                         content_format != NULL || format != NULL ||
                                         no_content || with_suggestions);

    if (status != BYLINE_CLI_CONTINUE)
      return status;
  }
  if (publish_path != NULL)
    {
      if (modes > 0 || output_path != NULL)
        {
          g_printerr (_("--publish goes alone\n"));
          return 2;
        }
      return byline_cli_publish_with_flags (publish_path,
                                            content_flags == BYLINE_RECORD_EXPORT_MARKDOWN ?
                                              BYLINE_PUBLISH_FLAGS_CONTENT_MARKDOWN :
                                            content_flags == BYLINE_RECORD_EXPORT_LEAFLET ?
                                              BYLINE_PUBLISH_FLAGS_CONTENT_LEAFLET :
                                            content_flags == BYLINE_RECORD_EXPORT_OMIT_CONTENT ?
                                              BYLINE_PUBLISH_FLAGS_CONTENT_NONE :
                                              BYLINE_PUBLISH_FLAGS_NONE);
    }
  if (modes > 1)
    {
      g_printerr (_("Use only one of --export, --import and --check\n"));
      return 2;
    }
  if (output_path != NULL && modes == 0)
    {
      g_printerr (_("--output goes with --export or --import\n"));
      return 2;
    }
  if (check_path != NULL && output_path != NULL)
    {
      g_printerr (_("--check writes nothing; --output does not apply\n"));
      return 2;
    }

  if (format != NULL && export_path == NULL)
    {
      g_printerr (_("--format goes with --export\n"));
      return 2;
    }
  if (with_suggestions && g_strcmp0 (format, "html") != 0 && g_strcmp0 (format, "pdf") != 0)
    {
      g_printerr (_("--with-suggestions goes with --format html or pdf\n"));
      return 2;
    }
  if (g_strcmp0 (format, "html") == 0)
    return byline_cli_export_html (export_path, output_path, flags);
  if (g_strcmp0 (format, "pdf") == 0)
    return export_pdf (export_path, output_path, flags);
  if (format != NULL && !g_str_equal (format, "record"))
    {
      g_printerr (_("--format is record, html or pdf\n"));
      return 2;
    }

  if (export_path != NULL)
    return byline_cli_export (export_path, output_path, content_flags);
  if (import_path != NULL)
    return byline_cli_import (import_path, output_path);
  if (check_path != NULL)
    return byline_cli_check (check_path);

  return BYLINE_CLI_CONTINUE;
}
