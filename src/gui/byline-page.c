/* byline-page.c
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

#define G_LOG_DOMAIN "byline-page"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "byline-file-monitor.h"
#include "byline-page.h"
#include "byline-renderer.h"
#include "byline-search-bar.h"
#include "byline-source-view.h"
#include "byline-split.h"
#include "byline-text-mirror.h"

/*
 * A page is one document in the window: the source view beside its live preview.
 *
 * Keystroke -> preview: the document's `changed` marks the page dirty and, when no render is
 * running, schedules one at once. The render snapshots the text on the main thread and parses it
 * in a worker (BylineRenderer); its result updates the document's metadata and is handed to the
 * preview, which patches only the blocks that changed. Edits made while a render runs set
 * `dirty` again, so at most one render runs and one waits: the latest text always wins.
 */

struct _BylinePage
{
  GtkWidget       parent_instance;

  /* Template widgets */
  AdwBanner      *banner;
  GtkRevealer    *changed_revealer;
  GtkLabel       *changed_label;
  GtkRevealer    *draft_revealer;
  GtkRevealer    *lost_file_revealer;
  GtkLabel       *lost_file_label;
  GtkSourceView  *view;
  GtkScrolledWindow *scroller;
  BylinePreview  *preview;
  BylineSplit    *split;

  /* Owned references */
  BylineDocument *document;
  GSettings      *settings;
  BylineTextMirror *mirror;
  BylineRenderer *renderer;
  GCancellable   *render_cancellable;
  BylineFileMonitor *file_monitor;
  BylineRenderResult *render_result;
  /* Offers to undo the last reload until the text changes again. */
  AdwToast       *reload_toast;

  guint           render_source;
  gint64          ignore_editor_scroll_until;
  /* A jump to a line (the outline, a problem in the panel): until the editor shows it, neither
   * view's scrolling is taken for the writer's, whatever the load delays. */
  int             jump_line;
  gint64          jump_deadline;
  /* The line the preview was last brought to for the cursor: typing along a line moves the
   * cursor but asks for no new scroll. Forgotten when either view scrolls otherwise. */
  guint           cursor_synced_line;

  guint           dirty : 1;
  guint           rendering : 1;
};

G_DEFINE_FINAL_TYPE (BylinePage, byline_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_RENDER_RESULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void render_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static gboolean
render_now (gpointer data)
{
  BylinePage *self = data;
  g_autoptr(GBytes) text = NULL;

  g_assert (BYLINE_IS_PAGE (self));

  self->render_source = 0;

  if (self->rendering || !self->dirty)
    return G_SOURCE_REMOVE;

  self->dirty = FALSE;
  self->rendering = TRUE;

  g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);
  self->render_cancellable = g_cancellable_new ();

  text = byline_text_mirror_dup_bytes (self->mirror);
  byline_renderer_render_async (self->renderer, text, self->render_cancellable,
                                render_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static gboolean
document_loading (BylinePage *self)
{
  gboolean loading = FALSE;

  g_object_get (self->document, "loading", &loading, NULL);

  return loading;
}

static void
queue_render (BylinePage *self)
{
  g_assert (BYLINE_IS_PAGE (self));

  self->dirty = TRUE;

  /* The loader inserts a file in chunks: the text renders once, when all of it is in. */
  if (document_loading (self))
    return;

  if (!self->rendering && self->render_source == 0)
    self->render_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, render_now, self, NULL);
}

static void
render_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BylinePage) self = user_data;
  g_autoptr(BylineRenderResult) render = NULL;
  g_autoptr(GError) error = NULL;

  render = byline_renderer_render_finish (BYLINE_RENDERER (object), result, &error);

  if (render == NULL || self->document == NULL ||
      g_cancellable_is_cancelled (self->render_cancellable))
    {
      if (self->document != NULL)
        self->rendering = FALSE;
      return;
    }

  self->rendering = FALSE;

  /* Metadata of an older text would undo what the writer just typed in the panel. */
  if (!self->dirty)
    _byline_document_apply_render (self->document,
                                   byline_render_result_get_metadata (render),
                                   byline_render_result_get_error (render));

  byline_preview_show_result (self->preview, render);

  /* The outline takes its headings from here. */
  g_clear_pointer (&self->render_result, byline_render_result_release);
  self->render_result = byline_render_result_ref (render);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDER_RESULT]);

  /* The edited blocks are shown; links elsewhere follow with a render of the whole text. */
  if (byline_render_result_is_provisional (render))
    self->dirty = TRUE;

  if (self->dirty)
    queue_render (self);
}

static void
front_matter_error_cb (BylinePage     *self,
                       GParamSpec     *pspec,
                       BylineDocument *document)
{
  const char *message = byline_document_get_front_matter_error (document);

  if (message != NULL)
    {
      g_autofree char *title = g_markup_escape_text (message, -1);

      adw_banner_set_title (self->banner, title);
    }
  adw_banner_set_revealed (self->banner, message != NULL);
}

/* With unsaved edits, the changed-file bar says what Reload does to them. */
static void
update_changed_label (BylinePage *self)
{
  if (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document)))
    gtk_label_set_label (self->changed_label,
                         _("The file was changed by another program. Reloading discards your unsaved changes."));
  else
    gtk_label_set_label (self->changed_label, _("The file was changed by another program"));
}

/* Once the writer edits again, Undo would take back their edit, not the reload. */
static void
text_changed_cb (BylinePage *self)
{
  if (self->reload_toast != NULL)
    {
      g_autoptr(AdwToast) toast = g_steal_pointer (&self->reload_toast);

      adw_toast_dismiss (toast);
    }
}

static void
file_changed_cb (BylinePage     *self,
                 GParamSpec     *pspec,
                 BylineDocument *document)
{
  byline_preview_set_base_file (self->preview, byline_document_get_file (document));
}

/* Once the loader has put in the whole text, it renders, and the page loads it whole: what it
 * showed before was another text, and comparing them block by block would only cost time. */
static void
loading_changed_cb (BylinePage     *self,
                    GParamSpec     *pspec,
                    BylineDocument *document)
{
  if (document_loading (self))
    return;

  byline_preview_forget_shown (self->preview);
  if (self->dirty)
    queue_render (self);
}

static guint
cursor_line (BylinePage *self)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->document), &iter,
                                    gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->document)));

  return gtk_text_iter_get_line (&iter) + 1;
}

static void
cursor_moved_cb (BylinePage     *self,
                 GParamSpec     *pspec,
                 BylineDocument *document)
{
  guint line;

  if (!gtk_widget_has_focus (GTK_WIDGET (self->view)) ||
      !g_settings_get_boolean (self->settings, "scroll-sync"))
    return;

  line = cursor_line (self);
  if (line == self->cursor_synced_line)
    return;

  self->cursor_synced_line = line;
  byline_preview_scroll_to_line (self->preview, line);
}

/* Whether a jump is still on its way. Lines not laid out yet have only an estimated height, so
 * the editor's first scroll to the line can fall short; for a moment after a jump, the editor
 * scrolls to it again whenever the layout grows, and neither view's scrolling is taken for the
 * writer's. */
static gboolean
jumping (BylinePage *self)
{
  if (self->jump_line != 0 && g_get_monotonic_time () > self->jump_deadline)
    self->jump_line = 0;

  return self->jump_line != 0;
}

static void
editor_layout_grew_cb (BylinePage *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);

  if (jumping (self))
    gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (buffer),
                                  0.0, TRUE, 0.0, 0.25);
}

static void
editor_scrolled_cb (BylinePage    *self,
                    GtkAdjustment *adjustment)
{
  GtkTextIter iter;
  GdkRectangle visible;
  int y;

  if (jumping (self) || g_get_monotonic_time () < self->ignore_editor_scroll_until ||
      !g_settings_get_boolean (self->settings, "scroll-sync"))
    return;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self->view), &visible);
  y = visible.y + visible.height / 4;
  gtk_text_view_get_line_at_y (GTK_TEXT_VIEW (self->view), &iter, y, NULL);
  self->cursor_synced_line = 0;
  byline_preview_scroll_to_line (self->preview, gtk_text_iter_get_line (&iter) + 1);
}

static void
preview_scrolled_cb (BylinePage    *self,
                     guint          line,
                     BylinePreview *preview)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  GtkTextMark *mark;
  GtkTextIter iter;

  if (jumping (self) || !g_settings_get_boolean (self->settings, "scroll-sync"))
    return;

  /* Through a mark, not the line's position now: lines not laid out yet have only an estimated
   * place, and GTK scrolls to a mark once its line is laid out. */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, line - 1);
  if (!(mark = gtk_text_buffer_get_mark (buffer, "byline-preview-line")))
    mark = gtk_text_buffer_create_mark (buffer, "byline-preview-line", &iter, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, mark, &iter);

  self->ignore_editor_scroll_until = g_get_monotonic_time () + 200 * G_TIME_SPAN_MILLISECOND;
  self->cursor_synced_line = 0;
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), mark, 0.0, TRUE, 0.0, 0.25);
}

static void
update_lost_file (BylinePage *self)
{
  const char *message = byline_document_get_lost_file (self->document);

  if (message != NULL)
    gtk_label_set_text (self->lost_file_label, message);
  gtk_revealer_set_reveal_child (self->lost_file_revealer, message != NULL);
}

static void
byline_page_constructed (GObject *object)
{
  BylinePage *self = BYLINE_PAGE (object);

  G_OBJECT_CLASS (byline_page_parent_class)->constructed (object);

  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->view), GTK_TEXT_BUFFER (self->document));

  /* Snapshots for the renderer come from a flat copy kept up to date edit by edit. */
  self->mirror = byline_text_mirror_new (GTK_TEXT_BUFFER (self->document));
  _byline_document_set_text_mirror (self->document, self->mirror);
  {
    g_autoptr(BylineWordCounter) counter = byline_word_counter_new (self->mirror);

    byline_source_view_set_word_counter (BYLINE_SOURCE_VIEW (self->view), counter);
  }

  g_signal_connect_object (self->document, "changed",
                           G_CALLBACK (queue_render), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::front-matter-error",
                           G_CALLBACK (front_matter_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::file",
                           G_CALLBACK (file_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::loading",
                           G_CALLBACK (loading_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::cursor-position",
                           G_CALLBACK (cursor_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (editor_scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "notify::upper",
                           G_CALLBACK (editor_layout_grew_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview, "scrolled-to-line",
                           G_CALLBACK (preview_scrolled_cb), self, G_CONNECT_SWAPPED);

  g_settings_bind (self->settings, "layout", self->split, "layout", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "allow-remote-images",
                   self->preview, "allow-remote-images", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "preview-theme", self->preview, "theme", G_SETTINGS_BIND_GET);

  byline_preview_set_base_file (self->preview, byline_document_get_file (self->document));
  queue_render (self);

  /* Another program changed the file: Reload (undoable) or Keep Mine. */
  self->file_monitor = byline_file_monitor_new (self->document);
  g_object_bind_property (self->file_monitor, "changed-on-disk",
                          self->changed_revealer, "reveal-child", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->file_monitor, "notify::changed-on-disk",
                           G_CALLBACK (update_changed_label), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "modified-changed",
                           G_CALLBACK (update_changed_label), self, G_CONNECT_SWAPPED);
  update_changed_label (self);

  /* A draft restored over the file after a crash: Discard (undoable) or Keep. */
  g_object_bind_property (self->document, "draft-restored",
                          self->draft_revealer, "reveal-child", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->document, "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);

  /* Restored from a file that no longer resolves: says which and why, until saved. */
  g_signal_connect_object (self->document, "notify::lost-file",
                           G_CALLBACK (update_lost_file), self, G_CONNECT_SWAPPED);
  update_lost_file (self);
}

typedef struct
{
  BylinePage *page;
  char       *message;
} Reload;

static void
reload_free (Reload *reload)
{
  g_clear_object (&reload->page);
  g_free (reload->message);
  g_free (reload);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reload, reload_free)

static void
undo_reload_cb (BylinePage *self)
{
  if (self->reload_toast == NULL)
    return;

  g_clear_object (&self->reload_toast);
  gtk_text_buffer_undo (GTK_TEXT_BUFFER (self->document));
}

static void
reload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Reload) reload = user_data;
  BylinePage *self = reload->page;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  AdwToast *toast;
  gboolean reloaded;

  reloaded = byline_file_monitor_reload_finish (BYLINE_FILE_MONITOR (object), result, &error);
  if (self->document == NULL ||
      !(overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY)))
    return;

  /* The file may be gone: the text stays as it was. */
  if (!reloaded)
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                   adw_toast_new_format (_("Could not reload the article: %s"),
                                                         error->message));
      return;
    }

  /* The reload is one user action: Undo takes it back while nothing else was typed. */
  toast = adw_toast_new (reload->message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_reload_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->reload_toast != NULL)
    adw_toast_dismiss (self->reload_toast);
  g_set_object (&self->reload_toast, toast);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* Replaces the text with the file's, as one step that Undo takes back, and offers that Undo. */
static void
reload_with_undo (BylinePage *self,
                  const char *message)
{
  Reload *reload = g_new0 (Reload, 1);

  reload->page = g_object_ref (self);
  reload->message = g_strdup (message);
  byline_file_monitor_reload_async (self->file_monitor, NULL, reload_cb, reload);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BylinePage *self = BYLINE_PAGE (widget);

  if (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (self->document)))
    reload_with_undo (self, _("Reloaded; your unsaved changes were discarded"));
  else
    reload_with_undo (self, _("Reloaded the changed file"));
}

static void
discard_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  BylinePage *self = BYLINE_PAGE (widget);

  byline_document_set_draft_restored (self->document, FALSE);
  reload_with_undo (self, _("Restored changes discarded"));
}

static void
keep_draft_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  byline_document_set_draft_restored (BYLINE_PAGE (widget)->document, FALSE);
}

static void
keep_mine_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  byline_file_monitor_keep_mine (BYLINE_PAGE (widget)->file_monitor);
}

/* Sends the editor and the preview to a line, as the outline does for a heading: the cursor goes
 * to the line's start, the editor shows it in its upper quarter, where scroll sync puts it, and
 * the preview brings the line's block there too, whatever the scroll sync setting. */
static void
go_to_line_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  BylinePage *self = BYLINE_PAGE (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->document);
  int line = g_variant_get_int32 (param);
  GtkTextIter iter;

  if (line < 1)
    return;

  gtk_text_buffer_get_iter_at_line (buffer, &iter, line - 1);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
  gtk_text_buffer_place_cursor (buffer, &iter);

  /* The editor's own scrolling must not send the preview to another line meanwhile, nor the
   * preview's the editor. */
  self->jump_line = line;
  self->jump_deadline = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;
  self->ignore_editor_scroll_until = g_get_monotonic_time () + 200 * G_TIME_SPAN_MILLISECOND;
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), gtk_text_buffer_get_insert (buffer),
                                0.0, TRUE, 0.0, 0.25);
  byline_preview_scroll_to_line (self->preview, gtk_text_iter_get_line (&iter) + 1);
}

static void
byline_page_dispose (GObject *object)
{
  BylinePage *self = BYLINE_PAGE (object);

  g_cancellable_cancel (self->render_cancellable);
  g_clear_handle_id (&self->render_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_PAGE);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);

  g_clear_object (&self->render_cancellable);
  g_clear_object (&self->renderer);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_object (&self->mirror);
  g_clear_object (&self->file_monitor);
  g_clear_object (&self->reload_toast);
  g_clear_pointer (&self->render_result, byline_render_result_unref);

  G_OBJECT_CLASS (byline_page_parent_class)->dispose (object);
}

static void
byline_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BylinePage *self = BYLINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_RENDER_RESULT:
      g_value_set_boxed (value, self->render_result);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BylinePage *self = BYLINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_page_class_init (BylinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = byline_page_constructed;
  object_class->dispose = byline_page_dispose;
  object_class->get_property = byline_page_get_property;
  object_class->set_property = byline_page_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, BYLINE_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RENDER_RESULT] =
    g_param_spec_boxed ("render-result", NULL, NULL, BYLINE_TYPE_RENDER_RESULT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BYLINE_TYPE_PREVIEW);
  g_type_ensure (BYLINE_TYPE_SPLIT);
  g_type_ensure (BYLINE_TYPE_SEARCH_BAR);
  g_type_ensure (BYLINE_TYPE_SOURCE_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/byline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BylinePage, banner);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, view);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, preview);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, split);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, changed_revealer);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, changed_label);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, draft_revealer);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, lost_file_revealer);
  gtk_widget_class_bind_template_child (widget_class, BylinePage, lost_file_label);

  gtk_widget_class_install_action (widget_class, "page.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "page.keep-mine", NULL, keep_mine_action);
  gtk_widget_class_install_action (widget_class, "page.discard-draft", NULL, discard_draft_action);
  gtk_widget_class_install_action (widget_class, "page.keep-draft", NULL, keep_draft_action);
  gtk_widget_class_install_action (widget_class, "page.go-to-line", "i", go_to_line_action);
}

static void
byline_page_init (BylinePage *self)
{
  self->renderer = byline_renderer_new ();
  self->settings = g_settings_new (BASE_ID);

  gtk_widget_init_template (GTK_WIDGET (self));
}

BylinePage *
byline_page_new (BylineDocument *document)
{
  g_return_val_if_fail (BYLINE_IS_DOCUMENT (document), NULL);

  return g_object_new (BYLINE_TYPE_PAGE, "document", document, NULL);
}

/**
 * byline_page_get_document:
 *
 * Returns: (transfer none): the page's document
 */
BylineDocument *
byline_page_get_document (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  return self->document;
}

/**
 * byline_page_get_preview:
 *
 * Returns: (transfer none): the page's preview
 */
BylinePreview *
byline_page_get_preview (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  return self->preview;
}

/**
 * byline_page_get_view:
 *
 * Returns: (transfer none): the source view
 */
GtkSourceView *
byline_page_get_view (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  return self->view;
}

/**
 * byline_page_get_render_result:
 *
 * Returns: (transfer none) (nullable): the latest render of the page's text, which holds its
 *   headings; %NULL before the first render
 */
BylineRenderResult *
byline_page_get_render_result (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  return self->render_result;
}

/**
 * byline_page_get_text_mirror:
 *
 * Returns: (transfer none): the copy of the text that renders are taken from
 */
BylineTextMirror *
byline_page_get_text_mirror (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), NULL);

  return self->mirror;
}

/**
 * byline_page_get_changed_on_disk:
 *
 * Returns: whether the page asks the writer about a change another program made to the file
 */
gboolean
byline_page_get_changed_on_disk (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), FALSE);

  return self->file_monitor != NULL && byline_file_monitor_get_changed_on_disk (self->file_monitor);
}

/**
 * byline_page_get_watching_file:
 *
 * Returns: whether a change another program makes to the file is noticed from now on (see
 *   byline_file_monitor_get_watching())
 */
gboolean
byline_page_get_watching_file (BylinePage *self)
{
  g_return_val_if_fail (BYLINE_IS_PAGE (self), FALSE);

  return self->file_monitor != NULL && byline_file_monitor_get_watching (self->file_monitor);
}
