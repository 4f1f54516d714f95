/* byline-cli-publish.c
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

#define G_LOG_DOMAIN "byline-cli-publish"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-cli-publish.h"
#include "byline-cli-sign-in.h"
#include "byline-front-matter.h"
#include "byline-publisher.h"
#include "byline-record.h"
#include "byline-xrpc-client.h"

/* Runs the default main context until an async call has delivered its result. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static BylineRecordExportFlags
record_flags (BylinePublishFlags flags)
{
  if (flags & BYLINE_PUBLISH_FLAGS_CONTENT_NONE)
    return BYLINE_RECORD_EXPORT_OMIT_CONTENT;
  if (flags & BYLINE_PUBLISH_FLAGS_CONTENT_LEAFLET)
    return BYLINE_RECORD_EXPORT_LEAFLET;
  if (flags & BYLINE_PUBLISH_FLAGS_CONTENT_MARKDOWN)
    return BYLINE_RECORD_EXPORT_MARKDOWN;
  return BYLINE_RECORD_EXPORT_DEFAULT;
}

/**
 * byline_cli_publish:
 * @article_path: a Markdown article with front matter
 *
 * `byline --publish ARTICLE`: uses the OAuth session kept by `--sign-in` (the one for
 * `BYLINE_IDENTIFIER` when set), or without one signs in with `BYLINE_IDENTIFIER` and
 * `BYLINE_APP_PASSWORD` (on `BYLINE_PDS`, or the PDS the identifier resolves to, through
 * `BYLINE_PLC_DIRECTORY` for `did:plc`), publishes the article and stores the record URI and CID in its front
 * matter. `BYLINE_ANNOUNCE=1` also announces it on Bluesky, once.
 *
 * Returns: 0 when published, 1 on failure, 2 when credentials are missing
 */
int
byline_cli_publish (const char *article_path)
{
  return byline_cli_publish_with_flags (article_path, BYLINE_PUBLISH_FLAGS_NONE);
}

/**
 * byline_cli_publish_with_flags:
 * @article_path: a Markdown article with front matter
 * @content_flags: the content format chosen over the article's, if any
 *   (%BYLINE_PUBLISH_FLAGS_CONTENT_MARKDOWN, …)
 *
 * byline_cli_publish() with `--content-format`.
 *
 * Returns: 0 when published, 1 on failure, 2 when credentials are missing
 */
int
byline_cli_publish_with_flags (const char         *article_path,
                               BylinePublishFlags  content_flags)
{
  g_auto(BylineCliClient) client = { NULL, };
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(GAsyncResult) publish_result = NULL;
  g_autoptr(BylineMetadata) metadata = NULL;
  g_autoptr(GFile) article = NULL;
  g_autoptr(GError) error = NULL;
  BylinePublishFlags flags = content_flags & (BYLINE_PUBLISH_FLAGS_CONTENT_MARKDOWN |
                                              BYLINE_PUBLISH_FLAGS_CONTENT_LEAFLET |
                                              BYLINE_PUBLISH_FLAGS_CONTENT_NONE);
  int status;

  g_return_val_if_fail (article_path != NULL, 2);

  /* An edit that would never reach readers stops here, before signing in. */
  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (article_path);
    g_autoptr(BylineMetadata) parsed = NULL;
    g_autofree char *text = NULL;
    gsize length = 0, body = 0;

    if (g_file_load_contents (file, NULL, &text, &length, NULL, NULL) &&
        (parsed = byline_front_matter_parse (text, length, &body, NULL)) != NULL &&
        !byline_record_check_content (parsed, text + body, length - body,
                                      record_flags (flags), &error))
      {
        g_printerr ("%s: %s\n", article_path, error->message);
        return 1;
      }
  }

  if ((status = byline_cli_open_client (NULL, _("Sign in with --sign-in HANDLE, or set "
                                                "BYLINE_IDENTIFIER and BYLINE_APP_PASSWORD, "
                                                "to publish"),
                                        &client)) != 0)
    return status;

  if (g_strcmp0 (g_getenv ("BYLINE_ANNOUNCE"), "1") == 0)
    flags |= BYLINE_PUBLISH_FLAGS_ANNOUNCE;
  publisher = byline_publisher_new (client.client);
  article = g_file_new_for_commandline_arg (article_path);
  byline_publisher_publish_file_async (publisher, article, flags, NULL, store_result_cb,
                                       &publish_result);
  metadata = byline_publisher_publish_file_finish (publisher, wait_for (&publish_result), &error);
  /* A renewed session replaced a spent refresh token: keep it before exiting. */
  byline_cli_client_clear (&client);
  if (metadata == NULL)
    {
      g_printerr (_("Could not publish %s: %s\n"), article_path, error->message);
      return 1;
    }

  g_print ("%s %s\n", byline_metadata_get_record_uri (metadata),
           byline_metadata_get_record_cid (metadata));

  return 0;
}
