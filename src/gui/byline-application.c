/* byline-application.c
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

#define G_LOG_DOMAIN "byline-application"

#include "config.h"

#include <stdlib.h>
#ifdef __GLIBC__
# include <malloc.h>
#endif

#include <glib/gi18n.h>

#include "byline-application.h"
#include "byline-cli.h"
#include "byline-pdf-export.h"
#include "byline-preferences-dialog.h"
#include "byline-row-names.h"
#include "byline-window.h"

struct _BylineApplication
{
  AdwApplication  parent_instance;

  /* Owned references */
  GSettings      *settings;
  BylineSession  *session;
};

G_DEFINE_FINAL_TYPE (BylineApplication, byline_application, ADW_TYPE_APPLICATION)

static int
byline_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  int status;

  /* The command-line modes run here, before the application registers on the session bus or
   * opens a display, so they work on servers and in CI. */
  status = byline_cli_handle_options (options, byline_pdf_export_run_cli);
  if (status != BYLINE_CLI_CONTINUE)
    return status;

  return G_APPLICATION_CLASS (byline_application_parent_class)->handle_local_options (app, options);
}

static BylineWindow *
create_window (BylineApplication *self)
{
  return byline_window_new (GTK_APPLICATION (self));
}

static BylineWindow *
find_empty_window (BylineApplication *self)
{
  for (GList *iter = gtk_application_get_windows (GTK_APPLICATION (self)); iter; iter = iter->next)
    {
      if (BYLINE_IS_WINDOW (iter->data) && byline_window_is_empty (iter->data))
        return iter->data;
    }

  return NULL;
}

static void
byline_application_activate (GApplication *app)
{
  BylineApplication *self = BYLINE_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* Started without files: bring back the last session's windows and unsaved text. */
  if (window == NULL &&
      g_settings_get_boolean (self->settings, "restore-session") &&
      byline_session_restore (self->session))
    return;

  if (window == NULL)
    window = GTK_WINDOW (create_window (self));

  gtk_window_present (window);
}

/* The window that has @file open in a tab, if any. */
static BylineWindow *
find_window_showing (BylineApplication *self,
                     GFile             *file)
{
  for (GList *iter = gtk_application_get_windows (GTK_APPLICATION (self)); iter; iter = iter->next)
    {
      g_autoptr(GPtrArray) documents = NULL;

      if (!BYLINE_IS_WINDOW (iter->data))
        continue;

      documents = byline_window_dup_documents (iter->data);
      for (guint i = 0; i < documents->len; i++)
        {
          GFile *open = byline_document_get_file (g_ptr_array_index (documents, i));

          if (open != NULL && g_file_equal (open, file))
            return iter->data;
        }
    }

  return NULL;
}

static void
byline_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  BylineApplication *self = BYLINE_APPLICATION (app);
  GtkWindow *active;
  BylineWindow *window;

  /* Started on files after a crash: the unsaved work of the other tabs comes back too, or
   * the session would be written again without it. */
  if (gtk_application_get_windows (GTK_APPLICATION (self)) == NULL &&
      g_settings_get_boolean (self->settings, "restore-session"))
    byline_session_restore_unsaved (self->session);

  active = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* The files open as tabs of one window, the one in front (as the session keeps them); a
   * file already open somewhere is brought forward there. */
  if (BYLINE_IS_WINDOW (active))
    window = BYLINE_WINDOW (active);
  else if (!(window = find_empty_window (self)))
    window = create_window (self);

  for (int i = 0; i < n_files; i++)
    {
      BylineWindow *showing = find_window_showing (self, files[i]);

      byline_window_open_file (showing ? showing : window, files[i]);
      if (showing != NULL && showing != window)
        gtk_window_present (GTK_WINDOW (showing));
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (create_window (BYLINE_APPLICATION (user_data))));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  /* Closing each window asks about its unsaved changes. */
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  for (GList *iter = windows; iter; iter = iter->next)
    gtk_window_close (iter->data);

  g_list_free (windows);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { "The Byline Authors", NULL };
  AdwDialog *dialog = adw_about_dialog_new ();

  adw_about_dialog_set_application_name (ADW_ABOUT_DIALOG (dialog), PACKAGE_NAME);
  adw_about_dialog_set_application_icon (ADW_ABOUT_DIALOG (dialog), APP_ID);
  adw_about_dialog_set_developer_name (ADW_ABOUT_DIALOG (dialog), _("The Byline Authors"));
  adw_about_dialog_set_version (ADW_ABOUT_DIALOG (dialog), PACKAGE_VERSION);
  adw_about_dialog_set_website (ADW_ABOUT_DIALOG (dialog), PACKAGE_WEBSITE);
  adw_about_dialog_set_issue_url (ADW_ABOUT_DIALOG (dialog), PACKAGE_BUGREPORTS);
  adw_about_dialog_set_comments (ADW_ABOUT_DIALOG (dialog),
                                 _("Write articles in Markdown with a live preview and export them as standard.site documents."));
  adw_about_dialog_set_developers (ADW_ABOUT_DIALOG (dialog), developers);
  adw_about_dialog_set_copyright (ADW_ABOUT_DIALOG (dialog), "© 2026 The Byline Authors");
  adw_about_dialog_set_license_type (ADW_ABOUT_DIALOG (dialog), GTK_LICENSE_GPL_3_0);
  adw_about_dialog_set_translator_credits (ADW_ABOUT_DIALOG (dialog), _("translator-credits"));
  byline_row_names_apply (GTK_WIDGET (dialog));
  adw_dialog_present (dialog, window ? GTK_WIDGET (window) : NULL);
}

/* The same pages as the Mallard help, on the web. */
#define ONLINE_HELP_URL PACKAGE_WEBSITE "/tree/main/help/C"

/* Returns: (transfer full) (nullable): the URI of the HTML help, when it is installed */
static char *
find_html_help (void)
{
  const char * const *dirs = g_get_system_data_dirs ();

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], "byline", "help", "C", "index.html", NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_filename_to_uri (path, NULL, NULL);
    }

  return NULL;
}

static void
help_fallback_launch_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("Could not open the help: %s", error->message);
}

/* Without a help viewer (Yelp) for help: URIs, F1 opens the HTML help in the browser: the
 * installed copy when there is one, else the online one. */
static void
help_launch_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  g_autoptr(GtkUriLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  if (gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error) ||
      g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    return;

  g_debug ("No help viewer (%s): opening the help in the browser", error->message);
  uri = find_html_help ();
  launcher = gtk_uri_launcher_new (uri != NULL ? uri : ONLINE_HELP_URL);
  gtk_uri_launcher_launch (launcher, window, NULL, help_fallback_launch_cb, NULL);
}

static void
help_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new ("help:byline");

  gtk_uri_launcher_launch (launcher, window, NULL, help_launch_cb,
                           window != NULL ? g_object_ref (window) : NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_dialog_present (byline_preferences_dialog_new (), window ? GTK_WIDGET (window) : NULL);
}

static gboolean
style_variant_to_scheme (GValue   *value,
                         GVariant *variant,
                         gpointer  user_data)
{
  const char *variant_name = g_variant_get_string (variant, NULL);

  if (g_str_equal (variant_name, "light"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (variant_name, "dark"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    g_value_set_enum (value, ADW_COLOR_SCHEME_DEFAULT);

  return TRUE;
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "new-window", new_window_action },
  { "quit", quit_action },
  { "about", about_action },
  { "help", help_action },
};

static void
byline_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control>n", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *layout_accels[][2] = {
    { "<Control><Alt>1", NULL }, { "<Control><Alt>2", NULL }, { "<Control><Alt>3", NULL },
  };
  BylineApplication *self = BYLINE_APPLICATION (app);
  g_autoptr(GAction) layout = NULL;

  G_APPLICATION_CLASS (byline_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.layout::editor", layout_accels[0]);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.layout::split", layout_accels[1]);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.layout::preview", layout_accels[2]);

  self->settings = g_settings_new (BASE_ID);
  self->session = byline_session_new (GTK_APPLICATION (self));
  g_settings_bind_with_mapping (self->settings, "style-variant",
                                adw_style_manager_get_default (), "color-scheme",
                                G_SETTINGS_BIND_GET, style_variant_to_scheme, NULL, NULL, NULL);

  /* Editor only, split or preview only: every page follows the setting. */
  layout = g_settings_create_action (self->settings, "layout");
  g_action_map_add_action (G_ACTION_MAP (app), layout);
}

static void
byline_application_finalize (GObject *object)
{
  BylineApplication *self = BYLINE_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (byline_application_parent_class)->finalize (object);
}

static void
byline_application_class_init (BylineApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = byline_application_finalize;

  app_class->handle_local_options = byline_application_handle_local_options;
  app_class->startup = byline_application_startup;
  app_class->activate = byline_application_activate;
  app_class->open = byline_application_open;
}

static void
byline_application_init (BylineApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), byline_cli_get_option_entries ());
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Write articles in Markdown and export them as site.standard.document records."));
}

/**
 * byline_application_prepare_process:
 *
 * Sets up the process for Byline. Call it first in main(), before any thread starts.
 */
void
byline_application_prepare_process (void)
{
#ifdef M_ARENA_MAX
  /* Each render of a long article builds and frees a large cmark-gfm tree in a worker thread.
   * glibc gives new threads arenas of their own (up to eight per core), each keeping its
   * high-water mark: while a writer typed in a 5 MB article the process grew by 300 MB. Two
   * arenas, the main thread's and one the workers share, keep it near its size after opening
   * (bench-preview). */
  mallopt (M_ARENA_MAX, 2);
#endif
}

BylineApplication *
byline_application_new (const char        *application_id,
                        GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (BYLINE_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/**
 * byline_application_get_session:
 *
 * Returns: (transfer none) (nullable): the drafts and windows kept for crash recovery, once
 *   the application has started
 */
BylineSession *
byline_application_get_session (BylineApplication *self)
{
  g_return_val_if_fail (BYLINE_IS_APPLICATION (self), NULL);

  return self->session;
}
