/* byline-preview.c
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

#define G_LOG_DOMAIN "byline-preview"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "byline-html-export.h"
#include "byline-publication-themes.h"
#include "byline-preview.h"
#include "byline-read-problem.h"

/*
 * The preview is untrusted content. JavaScript markup is off, so nothing from the Markdown
 * runs; Byline's own script lives in an isolated world and is the only thing that changes the
 * page. The page shell is loaded once per document and theme; renders arrive as patches that
 * replace only the blocks that changed. Remote resources are blocked by the page's
 * Content-Security-Policy and removed by the script unless the writer allows them. Every
 * navigation but the shell's own load is refused; clicked web and email links open in their
 * applications, and no other link leaves the preview.
 *
 * A preview out of view (the editor-only layout, or the editor's side of a narrow window) is not
 * patched: it keeps the latest render and the line to show, and catches up when it comes back
 * into view, so typing does not pay for a page nobody sees.
 */

#define SCRIPT_WORLD "byline"
#define SHELL_TEMPLATE                                                                      \
  "<!DOCTYPE html>\n<html%s><head><meta charset=\"utf-8\">"                               \
  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "            \
  "img-src file: data: blob:%s; media-src file: data:%s; style-src 'unsafe-inline'; "      \
  "font-src file: data:\"><title>%s</title>"                                                \
  "</head><body><main id=\"byline-article\"></main></body></html>\n"

struct _BylinePreview
{
  GtkWidget           parent_instance;

  /* Owned references */
  WebKitWebView      *web_view;
  BylineRenderResult *shown;
  BylineRenderResult *pending;
  char               *base_uri;
  char               *theme;
  char               *article_theme;
  GFile              *base_dir;
  char               *stylesheet_name;
  WebKitUserStyleSheet *stylesheet;
  BylineMetadata     *stylesheet_metadata;
  GFileMonitor       *stylesheet_monitor;
  guint               stylesheet_reload;
  char               *site;
  char               *publication_css;
  WebKitUserStyleSheet *publication_sheet;
  GCancellable       *cancellable;

  guint               n_updates;
  guint               pending_line;

  guint               shell_loading : 1;
  guint               shell_loaded : 1;
  guint               bench_told : 1;
  guint               allow_remote_images : 1;
  guint               dark : 1;
};

G_DEFINE_FINAL_TYPE (BylinePreview, byline_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ALLOW_REMOTE_IMAGES,
  PROP_THEME,
  N_PROPS
};

enum {
  UPDATED,
  SCROLLED_TO_LINE,
  OPEN_LINK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void byline_preview_load_shell (BylinePreview *self);

static char *
load_resource_text (const char *path)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (!(bytes = g_resources_lookup_data (path, 0, &error)))
    g_error ("Missing resource %s: %s", path, error->message);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
update_background (BylinePreview *self)
{
  GdkRGBA color;

  gdk_rgba_parse (&color, self->dark ? "#1e1e1e" : "#ffffff");
  webkit_web_view_set_background_color (self->web_view, &color);
}

/* BYLINE_BENCH_FD=N: bench/bench-open is told on descriptor N the monotonic time at which the
 * page first painted blocks of the document (two animation frames after they were inserted). */
static int
bench_fd (void)
{
  static int fd = -2;

  if (fd == -2)
    {
      const char *value = g_getenv ("BYLINE_BENCH_FD");

      fd = value != NULL ? atoi (value) : -1;
    }

  return fd;
}

static void
bench_painted_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BylinePreview) self = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autofree char *line = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object),
                                                                result, NULL);
  /* The page was replaced before it painted: the next update tells instead. */
  if (value == NULL)
    {
      self->bench_told = FALSE;
      return;
    }

  line = g_strdup_printf ("paint %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  if (write (bench_fd (), line, strlen (line)) < 0)
    g_debug ("Cannot tell the benchmark: %s", g_strerror (errno));
}

static void
bench_watch_paint (BylinePreview *self,
                   guint          n_blocks)
{
  if (self->bench_told || n_blocks == 0 || bench_fd () < 0)
    return;

  self->bench_told = TRUE;
  webkit_web_view_call_async_javascript_function (
    self->web_view,
    "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(1))))",
    -1, NULL, NULL, NULL, NULL, bench_painted_cb, g_object_ref (self));
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BylinePreview) self = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object),
                                                                result, &error);
  if (value == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The page lost track of what it shows: start again from a clean shell. */
      g_warning ("Preview update failed, reloading: %s", error->message);
      if (self->shown != NULL && self->pending == NULL)
        self->pending = g_steal_pointer (&self->shown);
      g_clear_pointer (&self->shown, byline_render_result_unref);
      byline_preview_load_shell (self);
      return;
    }

  self->n_updates++;
  if (jsc_value_is_number (value))
    {
      bench_watch_paint (self, (guint)jsc_value_to_int32 (value));
      g_signal_emit (self, signals[UPDATED], 0, (guint)jsc_value_to_int32 (value));
    }
}

/* Bodies are constant strings and values travel as arguments: WebKit compiles each distinct
 * body once and keeps it, so a body made per call (a line number in it) would grow the web
 * process with every cursor move. */
static void
call_script_with_args (BylinePreview *self,
                       const char    *body,
                       GVariant      *args,
                       gboolean       report)
{
  webkit_web_view_call_async_javascript_function (self->web_view, body, -1, args,
                                                  SCRIPT_WORLD, NULL,
                                                  self->cancellable,
                                                  report ? call_cb : NULL,
                                                  report ? g_object_ref (self) : NULL);
}

/* @argument: (nullable): the script's `arg`, a string variant */
static void
call_script_value (BylinePreview *self,
                   const char    *body,
                   GVariant      *argument,
                   gboolean       report)
{
  GVariantDict args;

  g_variant_dict_init (&args, NULL);
  if (argument != NULL)
    g_variant_dict_insert_value (&args, "arg", argument);

  call_script_with_args (self, body, g_variant_dict_end (&args), report);
}

static void
call_script (BylinePreview *self,
             const char    *body,
             const char    *argument,
             gboolean       report)
{
  call_script_value (self, body, argument ? g_variant_new_string (argument) : NULL, report);
}

static void update_stylesheet (BylinePreview  *self,
                               BylineMetadata *metadata);

static gboolean
reload_stylesheet_cb (gpointer data)
{
  BylinePreview *self = data;
  g_autoptr(BylineMetadata) metadata = g_steal_pointer (&self->stylesheet_metadata);

  self->stylesheet_reload = 0;

  /* Read again, as if the article had just named it. */
  g_clear_pointer (&self->stylesheet_name, g_free);
  update_stylesheet (self, metadata);

  return G_SOURCE_REMOVE;
}

static void
stylesheet_file_changed_cb (GFileMonitor      *monitor,
                            GFile             *file,
                            GFile             *other,
                            GFileMonitorEvent  event,
                            gpointer           user_data)
{
  BylinePreview *self = user_data;

  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED ||
      event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT || event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;

  /* A save is several events (written, closed, or renamed over): one reading after them. */
  if (self->stylesheet_reload == 0)
    self->stylesheet_reload = g_timeout_add (100, reload_stylesheet_cb, self);
}

/* The style sheet is watched while the article names it: edited in another editor, the
 * preview takes it up. */
static void
watch_stylesheet (BylinePreview *self,
                  const char    *name)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) watched = NULL;
  g_auto(GStrv) parts = NULL;

  if (self->stylesheet_monitor != NULL)
    watched = g_object_ref (g_object_get_data (G_OBJECT (self->stylesheet_monitor), "file"));

  parts = g_strsplit (name, "/", -1);
  if (self->base_dir != NULL && name[0] != '\0' && !g_path_is_absolute (name) &&
      !g_strv_contains ((const char * const *)parts, ".."))
    file = g_file_resolve_relative_path (self->base_dir, name);

  if (file != NULL && watched != NULL && g_file_equal (file, watched))
    return;

  if (self->stylesheet_monitor != NULL)
    {
      g_file_monitor_cancel (self->stylesheet_monitor);
      g_clear_object (&self->stylesheet_monitor);
    }
  if (file == NULL)
    return;

  self->stylesheet_monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->stylesheet_monitor == NULL)
    return;
  g_object_set_data_full (G_OBJECT (self->stylesheet_monitor), "file", g_object_ref (file),
                          g_object_unref);
  g_signal_connect_object (self->stylesheet_monitor, "changed",
                           G_CALLBACK (stylesheet_file_changed_cb), self, 0);
}

/* The article's own style sheet (`stylesheet:` in its front matter), after the page's: read
 * when the article names another one (not on every render), as a user style sheet. CSS runs
 * no code, and the page's Content-Security-Policy keeps what it would load to the article's
 * folder unless remote images are allowed. */
static void
update_stylesheet (BylinePreview  *self,
                   BylineMetadata *metadata)
{
  WebKitUserContentManager *manager = webkit_web_view_get_user_content_manager (self->web_view);
  const char *name = metadata ? byline_metadata_get_extra_string (metadata, "stylesheet") : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *css = NULL;

  if (name == NULL)
    name = "";
  if (!g_set_str (&self->stylesheet_name, name))
    return;

  g_set_object (&self->stylesheet_metadata, metadata);
  watch_stylesheet (self, name);

  if (self->stylesheet != NULL)
    {
      webkit_user_content_manager_remove_style_sheet (manager, self->stylesheet);
      g_clear_pointer (&self->stylesheet, webkit_user_style_sheet_unref);
    }

  css = byline_html_export_read_stylesheet (metadata, self->base_dir, &error);
  if (css == NULL)
    {
      if (error != NULL)
        g_debug ("No style sheet for the preview: %s", error->message);
      return;
    }

  self->stylesheet = webkit_user_style_sheet_new (css, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                                  WEBKIT_USER_STYLE_LEVEL_USER, NULL, NULL);
  webkit_user_content_manager_add_style_sheet (manager, self->stylesheet);
}

/* The article's own theme (`theme:` in its front matter), or the one from Preferences. */
static const char *
effective_theme (BylinePreview *self)
{
  if (self->article_theme != NULL)
    return self->article_theme;

  return self->theme ? self->theme : "default";
}

/* The "publication" theme: the colours of the article's publication, when they are known,
 * as a style sheet the page's own rules give way to. They are asked for without waiting, and
 * come in when they arrive. */
static void
update_publication_colors (BylinePreview *self)
{
  WebKitUserContentManager *manager;
  JsonObject *colors = NULL;
  g_autofree char *css = NULL;

  if (self->web_view == NULL)
    return;

  if (g_strcmp0 (effective_theme (self), "publication") == 0)
    colors = byline_publication_themes_lookup (byline_publication_themes_get_default (),
                                               self->site);
  css = byline_html_export_publication_css (colors);
  if (g_strcmp0 (css, self->publication_css) == 0)
    return;

  manager = webkit_web_view_get_user_content_manager (self->web_view);
  if (self->publication_sheet != NULL)
    {
      webkit_user_content_manager_remove_style_sheet (manager, self->publication_sheet);
      g_clear_pointer (&self->publication_sheet, webkit_user_style_sheet_unref);
    }
  g_set_str (&self->publication_css, css);
  if (css == NULL)
    return;

  self->publication_sheet = webkit_user_style_sheet_new (css, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                                         WEBKIT_USER_STYLE_LEVEL_AUTHOR, NULL, NULL);
  webkit_user_content_manager_add_style_sheet (manager, self->publication_sheet);
}

static void
publication_colors_changed_cb (BylinePreview *self,
                               const char    *site)
{
  if (g_strcmp0 (site, self->site) == 0)
    update_publication_colors (self);
}

static void
apply_flags (BylinePreview *self)
{
  call_script (self, self->dark ? "byline.setDark(true)" : "byline.setDark(false)", NULL, FALSE);
  call_script (self, "byline.setTheme(arg)", effective_theme (self), FALSE);
  call_script (self, self->allow_remote_images ? "byline.setRemoteImages(true)"
                                               : "byline.setRemoteImages(false)", NULL, FALSE);
}

static void
byline_preview_load_shell (BylinePreview *self)
{
  const char *remote = self->allow_remote_images ? " http: https:" : "";
  g_autofree char *title = NULL;
  g_autofree char *shell = NULL;

  g_assert (BYLINE_IS_PREVIEW (self));

  if (self->shown != NULL && self->pending == NULL)
    self->pending = g_steal_pointer (&self->shown);
  g_clear_pointer (&self->shown, byline_render_result_unref);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->shell_loaded = FALSE;
  self->shell_loading = TRUE;
  /* The title names the document for a screen reader. */
  title = g_markup_escape_text (_("Article Preview"), -1);
  shell = g_strdup_printf (SHELL_TEMPLATE, self->dark ? " class=\"dark\"" : "",
                           remote, remote, title);
  webkit_web_view_load_html (self->web_view, shell, self->base_uri);
}

static void
load_changed_cb (BylinePreview   *self,
                 WebKitLoadEvent  event,
                 WebKitWebView   *web_view)
{
  g_assert (BYLINE_IS_PREVIEW (self));

  if (event != WEBKIT_LOAD_FINISHED || !self->shell_loading)
    return;

  self->shell_loading = FALSE;
  self->shell_loaded = TRUE;
  apply_flags (self);

  if (self->pending != NULL)
    {
      g_autoptr(BylineRenderResult) pending = g_steal_pointer (&self->pending);

      byline_preview_show_result (self, pending);
    }
}

static void
byline_preview_real_open_link (BylinePreview *self,
                               const char    *uri)
{
  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_uri_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                           NULL, NULL, NULL);
}

static void
show_toast (BylinePreview *self,
            const char    *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }

  toast = adw_toast_new (message);
  adw_toast_set_use_markup (toast, FALSE);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* A link the writer clicked: web and email links open in their applications. Anything else
 * (a file on this computer, a custom scheme) could make an article open any local file or
 * program, so it is refused, saying why. */
static void
follow_link (BylinePreview *self,
             const char    *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  if (scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 ||
                         g_ascii_strcasecmp (scheme, "https") == 0 ||
                         g_ascii_strcasecmp (scheme, "mailto") == 0))
    {
      g_signal_emit (self, signals[OPEN_LINK], 0, uri);
      return;
    }

  if (scheme != NULL && g_ascii_strcasecmp (scheme, "file") == 0)
    show_toast (self, _("Links to files are not opened from the preview, so an article cannot "
                        "open what is on this computer"));
  else
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s:” links are not opened from the preview: only web and email "
                           "links are"), scheme ? scheme : "");

      show_toast (self, message);
    }
}

static gboolean
decide_policy_cb (BylinePreview            *self,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  WebKitWebView            *web_view)
{
  WebKitNavigationAction *action;
  WebKitURIRequest *request;
  const char *uri;

  g_assert (BYLINE_IS_PREVIEW (self));

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (
             WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  request = webkit_navigation_action_get_request (action);
  uri = webkit_uri_request_get_uri (request);

  /* Only the shell that Byline loads itself may be shown. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION && self->shell_loading &&
      webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_OTHER &&
      g_strcmp0 (uri, self->base_uri ? self->base_uri : "about:blank") == 0)
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);

  if (webkit_navigation_action_is_user_gesture (action) ||
      webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED)
    follow_link (self, uri);

  return TRUE;
}

static gboolean
context_menu_cb (BylinePreview       *self,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit_test_result,
                 WebKitWebView       *web_view)
{
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));

  /* Nothing in the menu may navigate the preview away from the article. */
  for (const GList *iter = items; iter; iter = iter->next)
    {
      WebKitContextMenuItem *item = iter->data;

      switch ((int)webkit_context_menu_item_get_stock_action (item))
        {
        case WEBKIT_CONTEXT_MENU_ACTION_COPY:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_URL_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL:
        case WEBKIT_CONTEXT_MENU_ACTION_INSPECT_ELEMENT:
          break;

        default:
          webkit_context_menu_remove (menu, item);
        }
    }

  g_list_free (items);

  return webkit_context_menu_get_n_items (menu) == 0;
}

typedef struct
{
  BylinePreview *preview;
  char          *src;
} ImageProblem;

static void
image_problem_free (ImageProblem *problem)
{
  g_clear_object (&problem->preview);
  g_free (problem->src);
  g_free (problem);
}

static void
image_info_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ImageProblem *problem = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_uri_unescape_string (problem->src, NULL);
  g_autofree char *words = NULL;
  GVariantDict args;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      image_problem_free (problem);
      return;
    }

  if (name == NULL)
    name = g_strdup (problem->src);
  if (info == NULL)
    words = byline_read_problem_describe (name, error);
  else if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    words = g_strdup_printf (_("“%s” is a folder, not a file"), name);
  else
    /* Translators: %s is a file name such as images/figure.png */
    words = g_strdup_printf (_("“%s” is not an image the preview can show"), name);

  /* The page went away while the file was asked about. */
  if (problem->preview->web_view == NULL)
    {
      image_problem_free (problem);
      return;
    }

  g_variant_dict_init (&args, NULL);
  g_variant_dict_insert (&args, "src", "s", problem->src);
  g_variant_dict_insert (&args, "words", "s", words);
  call_script_with_args (problem->preview, "byline.setImageProblem(src, words)",
                         g_variant_dict_end (&args), FALSE);
  image_problem_free (problem);
}

/* A local image did not load: find out why, off the main thread, and say it in the page. */
static void
explain_image (BylinePreview *self,
               const char    *src)
{
  g_autofree char *uri = NULL;
  g_autoptr(GFile) file = NULL;
  ImageProblem *problem;

  if (self->base_uri == NULL ||
      !(uri = g_uri_resolve_relative (self->base_uri, src, G_URI_FLAGS_NONE, NULL)) ||
      !g_str_has_prefix (uri, "file:"))
    return;

  file = g_file_new_for_uri (uri);
  problem = g_new0 (ImageProblem, 1);
  problem->preview = g_object_ref (self);
  problem->src = g_strdup (src);
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, self->cancellable, image_info_cb, problem);
}

/* The page's Tab after its last link (or Shift+Tab before its first) and Escape hand the focus
 * to the window's next or previous region: the window's F6 actions, where there are. */
static void
leave_focus (BylinePreview *self,
             gboolean       forward)
{
  gtk_widget_activate_action (GTK_WIDGET (self),
                              forward ? "win.focus-next-region" : "win.focus-previous-region",
                              NULL);
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  leave_focus (BYLINE_PREVIEW (widget), FALSE);
  return TRUE;
}

static void
script_message_cb (BylinePreview            *self,
                   JSCValue                 *value,
                   WebKitUserContentManager *manager)
{
  g_autoptr(JSCValue) line = NULL;
  g_autoptr(JSCValue) image = NULL;
  g_autoptr(JSCValue) leave = NULL;

  g_assert (BYLINE_IS_PREVIEW (self));

  if (!jsc_value_is_object (value))
    return;

  line = jsc_value_object_get_property (value, "scrolledToLine");
  if (jsc_value_is_number (line) && jsc_value_to_int32 (line) > 0)
    g_signal_emit (self, signals[SCROLLED_TO_LINE], 0, (guint)jsc_value_to_int32 (line));

  image = jsc_value_object_get_property (value, "imageFailed");
  if (jsc_value_is_string (image))
    {
      g_autofree char *src = jsc_value_to_string (image);

      explain_image (self, src);
    }

  leave = jsc_value_object_get_property (value, "leaveFocus");
  if (jsc_value_is_string (leave))
    {
      g_autofree char *direction = jsc_value_to_string (leave);

      leave_focus (self, g_strcmp0 (direction, "backward") != 0);
    }
}

static void
dark_changed_cb (BylinePreview   *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *style_manager)
{
  gboolean dark = adw_style_manager_get_dark (style_manager);

  if (self->dark == !!dark)
    return;

  self->dark = !!dark;
  update_background (self);
  if (self->shell_loaded)
    call_script (self, dark ? "byline.setDark(true)" : "byline.setDark(false)", NULL, FALSE);
}

static void
byline_preview_constructed (GObject *object)
{
  BylinePreview *self = BYLINE_PREVIEW (object);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autoptr(WebKitUserContentManager) manager = webkit_user_content_manager_new ();
  g_autoptr(WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  g_autoptr(WebKitSettings) settings = webkit_settings_new ();
  g_autoptr(WebKitUserStyleSheet) style = NULL;
  g_autoptr(WebKitUserScript) script = NULL;
  g_autofree char *css = load_resource_text (RESOURCE_PATH "/preview/byline-preview.css");
  g_autofree char *js = load_resource_text (RESOURCE_PATH "/preview/byline-preview.js");

  G_OBJECT_CLASS (byline_preview_parent_class)->constructed (object);

  /* The document's own scripts never run; Byline's script runs through the API only. */
  webkit_settings_set_enable_javascript_markup (settings, FALSE);
  webkit_settings_set_enable_html5_database (settings, FALSE);
  webkit_settings_set_enable_html5_local_storage (settings, FALSE);
  webkit_settings_set_enable_page_cache (settings, FALSE);
  webkit_settings_set_enable_webgl (settings, FALSE);
  webkit_settings_set_enable_webaudio (settings, FALSE);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, FALSE);
  webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);
  webkit_settings_set_allow_modal_dialogs (settings, FALSE);
  webkit_settings_set_enable_developer_extras (settings, DEVELOPMENT_BUILD);

  /* An article needs no GPU: painting it on the CPU keeps a GL context and its buffers out of
   * the web process. Measured with bench-preview on a machine without a GPU (where WebKit
   * composites with a software GL), this halved keystroke-to-preview time, and the web process
   * used 100-170 MB less and stopped growing while the writer types. */
  webkit_settings_set_hardware_acceleration_policy (settings,
                                                    WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);

  style = webkit_user_style_sheet_new (css, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                       WEBKIT_USER_STYLE_LEVEL_USER, NULL, NULL);
  script = webkit_user_script_new_for_world (js, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                             SCRIPT_WORLD, NULL, NULL);
  webkit_user_content_manager_add_style_sheet (manager, style);
  webkit_user_content_manager_add_script (manager, script);
  webkit_user_content_manager_register_script_message_handler (manager, "byline", SCRIPT_WORLD);
  g_signal_connect_object (manager, "script-message-received::byline",
                           G_CALLBACK (script_message_cb), self, G_CONNECT_SWAPPED);

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "network-session", session,
                                 "user-content-manager", manager,
                                 "settings", settings,
                                 "hexpand", TRUE,
                                 "vexpand", TRUE,
                                 /* A web view is a generic node, which GTK exports without
                                  * the name it is given; a group carries it. */
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                                 NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->web_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview"),
                                  -1);

  g_signal_connect_object (self->web_view, "decide-policy",
                           G_CALLBACK (decide_policy_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-changed",
                           G_CALLBACK (load_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "context-menu",
                           G_CALLBACK (context_menu_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  self->dark = adw_style_manager_get_dark (style_manager);
  update_background (self);
  byline_preview_load_shell (self);
}

static void
byline_preview_dispose (GObject *object)
{
  BylinePreview *self = BYLINE_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->web_view != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->web_view));
      self->web_view = NULL;
    }
  g_clear_pointer (&self->shown, byline_render_result_unref);
  g_clear_pointer (&self->pending, byline_render_result_unref);
  g_clear_pointer (&self->base_uri, g_free);
  g_clear_pointer (&self->theme, g_free);
  g_clear_pointer (&self->article_theme, g_free);
  g_clear_pointer (&self->stylesheet_name, g_free);
  g_clear_pointer (&self->stylesheet, webkit_user_style_sheet_unref);
  g_clear_object (&self->base_dir);
  g_clear_handle_id (&self->stylesheet_reload, g_source_remove);
  g_clear_object (&self->stylesheet_metadata);
  if (self->stylesheet_monitor != NULL)
    g_file_monitor_cancel (self->stylesheet_monitor);
  g_clear_object (&self->stylesheet_monitor);
  g_clear_pointer (&self->site, g_free);
  g_clear_pointer (&self->publication_css, g_free);
  g_clear_pointer (&self->publication_sheet, webkit_user_style_sheet_unref);

  G_OBJECT_CLASS (byline_preview_parent_class)->dispose (object);
}

static void
byline_preview_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BylinePreview *self = BYLINE_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_ALLOW_REMOTE_IMAGES:
      g_value_set_boolean (value, byline_preview_get_allow_remote_images (self));
      break;

    case PROP_THEME:
      g_value_set_string (value, self->theme);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_preview_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BylinePreview *self = BYLINE_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_ALLOW_REMOTE_IMAGES:
      byline_preview_set_allow_remote_images (self, g_value_get_boolean (value));
      break;

    case PROP_THEME:
      byline_preview_set_theme (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_preview_map (GtkWidget *widget)
{
  BylinePreview *self = BYLINE_PREVIEW (widget);

  GTK_WIDGET_CLASS (byline_preview_parent_class)->map (widget);

  /* WebKit keeps a hidden, empty text view inside the web view, which Shift+Tab from the side
   * panel reached: a 0x0 node without a name, where Tab and Escape did nothing. Nothing in a
   * read-only page needs it to take the focus. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->web_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TEXT_VIEW (child))
        gtk_widget_set_focusable (child, FALSE);
    }

  if (self->shell_loaded && self->pending != NULL)
    {
      g_autoptr(BylineRenderResult) pending = g_steal_pointer (&self->pending);

      byline_preview_show_result (self, pending);
    }
  if (self->pending_line != 0)
    byline_preview_scroll_to_line (self, self->pending_line);
}

static void
byline_preview_class_init (BylinePreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = byline_preview_constructed;
  object_class->dispose = byline_preview_dispose;
  object_class->get_property = byline_preview_get_property;
  object_class->set_property = byline_preview_set_property;

  widget_class->map = byline_preview_map;

  properties[PROP_ALLOW_REMOTE_IMAGES] =
    g_param_spec_boolean ("allow-remote-images", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * BylinePreview:theme:
   *
   * The look of the page: "default", or one of the other built-in themes ("longread",
   * "newsletter"), unless the article names its own (`theme:` in its front matter). It
   * changes in place, keeping the passage in view.
   */
  properties[PROP_THEME] =
    g_param_spec_string ("theme", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylinePreview::updated:
   * @n_blocks: how many blocks the page shows
   *
   * The page script confirmed that the DOM shows the latest render.
   */
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * BylinePreview::scrolled-to-line:
   * @line: the source line now at the top of the preview, from 1
   *
   * The writer scrolled the preview.
   */
  signals[SCROLLED_TO_LINE] =
    g_signal_new ("scrolled-to-line", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * BylinePreview::open-link:
   * @uri: a web (http, https) or email (mailto) link the writer clicked
   *
   * Opens @uri in the application that handles it (the default handler). No other kind of
   * link is ever handed on.
   */
  signals[OPEN_LINK] =
    g_signal_new_class_handler ("open-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (byline_preview_real_open_link),
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "preview");
  g_type_ensure (WEBKIT_TYPE_WEB_VIEW);
}

static void
byline_preview_init (BylinePreview *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* Escape leaves the page, whose focus would otherwise only move by Tab. In the capture
   * phase, before the web view takes the key. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (escape_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_object (byline_publication_themes_get_default (), "changed",
                           G_CALLBACK (publication_colors_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
byline_preview_new (void)
{
  return g_object_new (BYLINE_TYPE_PREVIEW, NULL);
}

/**
 * byline_preview_set_base_file:
 * @self: a #BylinePreview
 * @file: (nullable): the article's file; relative paths resolve against its folder
 *
 * Reloads the page shell when the folder changes (a new document).
 */
void
byline_preview_set_base_file (BylinePreview *self,
                              GFile         *file)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *uri = NULL;

  g_return_if_fail (BYLINE_IS_PREVIEW (self));

  if (file != NULL && (parent = g_file_get_parent (file)))
    {
      g_autofree char *dir_uri = g_file_get_uri (parent);

      uri = g_str_has_suffix (dir_uri, "/") ? g_strdup (dir_uri) : g_strconcat (dir_uri, "/", NULL);
    }

  /* The article's style sheet is read from its folder: read again from the new one. */
  g_set_object (&self->base_dir, parent);
  g_clear_pointer (&self->stylesheet_name, g_free);

  if (g_set_str (&self->base_uri, uri))
    byline_preview_load_shell (self);
}

/**
 * byline_preview_forget_shown:
 *
 * Drops the render the page shows and any waiting to be shown: the next one is loaded whole,
 * as into a new page, rather than compared block by block with a text that was replaced.
 */
void
byline_preview_forget_shown (BylinePreview *self)
{
  g_return_if_fail (BYLINE_IS_PREVIEW (self));

  g_clear_pointer (&self->pending, byline_render_result_unref);
  g_clear_pointer (&self->shown, byline_render_result_release);
}

/**
 * byline_preview_show_result:
 * @self: a #BylinePreview
 * @result: the latest render
 *
 * Shows @result, patching only the blocks that differ from what the page shows.
 * #BylinePreview::updated is emitted once the page confirms the change.
 */
void
byline_preview_show_result (BylinePreview      *self,
                            BylineRenderResult *result)
{
  g_autofree char *json = NULL;
  GVariant *patch = NULL;

  g_return_if_fail (BYLINE_IS_PREVIEW (self));
  g_return_if_fail (result != NULL);

  if (!self->shell_loaded || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_clear_pointer (&self->pending, byline_render_result_unref);
      self->pending = byline_render_result_ref (result);
      return;
    }

  /* The article's own look first, so the passage in view stays as the blocks change. */
  {
    BylineMetadata *metadata = byline_render_result_get_metadata (result);
    const char *own = metadata ? byline_metadata_get_extra_string (metadata, "theme") : NULL;

    if (!byline_html_export_is_theme (own) && g_strcmp0 (own, "default") != 0)
      own = NULL;
    if (g_set_str (&self->article_theme, own))
      call_script (self, "byline.setTheme(arg)", effective_theme (self), FALSE);

    g_set_str (&self->site, metadata ? byline_metadata_get_site (metadata) : NULL);
    update_publication_colors (self);
  }

  update_stylesheet (self, byline_render_result_get_metadata (result));

  if (self->shown == NULL)
    {
      json = byline_render_result_to_json (result);
      call_script (self, "return byline.load(arg)", json, TRUE);
    }
  else if (byline_render_result_get_patch (result, self->shown, &patch))
    {
      /* Compared with what the page shows in the render worker already. */
      if (patch != NULL)
        call_script_value (self, "return byline.patch(arg)", patch, TRUE);
    }
  else if ((json = byline_render_result_diff (self->shown, result)))
    {
      call_script (self, "return byline.patch(arg)", json, TRUE);
    }

  g_clear_pointer (&self->shown, byline_render_result_release);
  self->shown = byline_render_result_ref (result);
}

/**
 * byline_preview_scroll_to_line:
 * @self: a #BylinePreview
 * @line: a line of the source, from 1
 *
 * Brings the block that holds @line into view.
 */
void
byline_preview_scroll_to_line (BylinePreview *self,
                               guint          line)
{
  GVariantDict args;

  g_return_if_fail (BYLINE_IS_PREVIEW (self));

  /* Out of view, the page is not kept up to date: the line is shown when it comes back. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->pending_line = line;
      return;
    }
  self->pending_line = 0;

  if (!self->shell_loaded)
    return;

  g_variant_dict_init (&args, NULL);
  g_variant_dict_insert (&args, "line", "u", line);
  call_script_with_args (self, "return byline.scrollToLine(line)", g_variant_dict_end (&args),
                         FALSE);
}

gboolean
byline_preview_get_allow_remote_images (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), FALSE);

  return self->allow_remote_images;
}

/**
 * byline_preview_set_allow_remote_images:
 *
 * Whether images from the network load. Changing it reloads the page, since the page's
 * Content-Security-Policy is fixed when it loads.
 */
void
byline_preview_set_allow_remote_images (BylinePreview *self,
                                        gboolean       allow)
{
  g_return_if_fail (BYLINE_IS_PREVIEW (self));

  allow = !!allow;
  if (self->allow_remote_images == allow)
    return;

  self->allow_remote_images = allow;
  if (self->web_view != NULL)
    byline_preview_load_shell (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_REMOTE_IMAGES]);
}

/**
 * byline_preview_get_web_view:
 *
 * Returns: (transfer none): the web view
 */
WebKitWebView *
byline_preview_get_web_view (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), NULL);

  return self->web_view;
}

/**
 * byline_preview_get_n_updates:
 *
 * How many times the page confirmed showing a render, for tests and benchmarks.
 */
guint
byline_preview_get_n_updates (BylinePreview *self)
{
  g_return_val_if_fail (BYLINE_IS_PREVIEW (self), 0);

  return self->n_updates;
}

/**
 * byline_preview_set_theme:
 * @theme: (nullable): a built-in theme's name; %NULL for the default
 *
 * Sets the page's look, without reloading it.
 */
void
byline_preview_set_theme (BylinePreview *self,
                          const char    *theme)
{
  g_return_if_fail (BYLINE_IS_PREVIEW (self));

  if (!g_set_str (&self->theme, theme))
    return;

  if (self->shell_loaded)
    call_script (self, "byline.setTheme(arg)", effective_theme (self), FALSE);
  update_publication_colors (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
}
