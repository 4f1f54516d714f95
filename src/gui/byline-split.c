/* byline-split.c
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

#define G_LOG_DOMAIN "byline-split"

#include "config.h"

#include "byline-split.h"

/*
 * The editor and the preview in one of three layouts: "editor" only, "split" side by side, or
 * "preview" only. When the page is narrow (an AdwBreakpoint sets :narrow) there is no room for
 * two columns: the split layout shows one of the two at a time, and a switcher below chooses
 * which (:shown, also the `split.shown` action). byline-split.ui declares the widgets and the
 * breakpoint.
 */

struct _BylineSplit
{
  GtkWidget          parent_instance;

  AdwBreakpointBin  *bin;
  GtkPaned          *paned;
  GtkWidget         *switcher;

  char              *layout;
  char              *shown;

  guint              narrow : 1;
};

G_DEFINE_FINAL_TYPE (BylineSplit, byline_split, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_START_CHILD,
  PROP_END_CHILD,
  PROP_LAYOUT,
  PROP_SHOWN,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_visibility (BylineSplit *self)
{
  const char *effective = self->layout;
  gboolean switching = self->narrow && g_str_equal (self->layout, "split");
  GtkWidget *start = gtk_paned_get_start_child (self->paned);
  GtkWidget *end = gtk_paned_get_end_child (self->paned);

  if (switching)
    effective = self->shown;

  gtk_widget_set_visible (self->switcher, switching);
  if (start != NULL)
    gtk_widget_set_visible (start, !g_str_equal (effective, "preview"));
  if (end != NULL)
    gtk_widget_set_visible (end, !g_str_equal (effective, "editor"));
}

static void
byline_split_dispose (GObject *object)
{
  BylineSplit *self = BYLINE_SPLIT (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_SPLIT);

  G_OBJECT_CLASS (byline_split_parent_class)->dispose (object);
}

static void
byline_split_finalize (GObject *object)
{
  BylineSplit *self = BYLINE_SPLIT (object);

  g_clear_pointer (&self->layout, g_free);
  g_clear_pointer (&self->shown, g_free);

  G_OBJECT_CLASS (byline_split_parent_class)->finalize (object);
}

static void
byline_split_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BylineSplit *self = BYLINE_SPLIT (object);

  switch (prop_id)
    {
    case PROP_START_CHILD:
      g_value_set_object (value, byline_split_get_start_child (self));
      break;

    case PROP_END_CHILD:
      g_value_set_object (value, byline_split_get_end_child (self));
      break;

    case PROP_LAYOUT:
      g_value_set_string (value, self->layout);
      break;

    case PROP_SHOWN:
      g_value_set_string (value, self->shown);
      break;

    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_split_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BylineSplit *self = BYLINE_SPLIT (object);

  switch (prop_id)
    {
    case PROP_START_CHILD:
      byline_split_set_start_child (self, g_value_get_object (value));
      break;

    case PROP_END_CHILD:
      byline_split_set_end_child (self, g_value_get_object (value));
      break;

    case PROP_LAYOUT:
      byline_split_set_layout (self, g_value_get_string (value));
      break;

    case PROP_SHOWN:
      byline_split_set_shown (self, g_value_get_string (value));
      break;

    case PROP_NARROW:
      if (self->narrow != !!g_value_get_boolean (value))
        {
          self->narrow = !!g_value_get_boolean (value);
          update_visibility (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_split_class_init (BylineSplitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_split_dispose;
  object_class->finalize = byline_split_finalize;
  object_class->get_property = byline_split_get_property;
  object_class->set_property = byline_split_set_property;

  properties[PROP_START_CHILD] =
    g_param_spec_object ("start-child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_END_CHILD] =
    g_param_spec_object ("end-child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * BylineSplit:layout:
   *
   * "editor", "split" or "preview".
   */
  properties[PROP_LAYOUT] =
    g_param_spec_string ("layout", NULL, NULL, "split",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * BylineSplit:shown:
   *
   * Which of the two the split layout shows on a narrow page: "editor" or "preview".
   */
  properties[PROP_SHOWN] =
    g_param_spec_string ("shown", NULL, NULL, "editor",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * BylineSplit:narrow:
   *
   * Whether the page is too narrow for two columns; set by the split's breakpoint.
   */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/byline-split.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineSplit, bin);
  gtk_widget_class_bind_template_child (widget_class, BylineSplit, paned);
  gtk_widget_class_bind_template_child (widget_class, BylineSplit, switcher);

  gtk_widget_class_install_property_action (widget_class, "split.shown", "shown");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "split");
}

static void
byline_split_init (BylineSplit *self)
{
  self->layout = g_strdup ("split");
  self->shown = g_strdup ("editor");

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
byline_split_new (void)
{
  return g_object_new (BYLINE_TYPE_SPLIT, NULL);
}

/**
 * byline_split_get_start_child:
 *
 * Returns: (transfer none) (nullable): the editor side
 */
GtkWidget *
byline_split_get_start_child (BylineSplit *self)
{
  g_return_val_if_fail (BYLINE_IS_SPLIT (self), NULL);

  return gtk_paned_get_start_child (self->paned);
}

void
byline_split_set_start_child (BylineSplit *self,
                              GtkWidget   *child)
{
  g_return_if_fail (BYLINE_IS_SPLIT (self));

  gtk_paned_set_start_child (self->paned, child);
  update_visibility (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_CHILD]);
}

/**
 * byline_split_get_end_child:
 *
 * Returns: (transfer none) (nullable): the preview side
 */
GtkWidget *
byline_split_get_end_child (BylineSplit *self)
{
  g_return_val_if_fail (BYLINE_IS_SPLIT (self), NULL);

  return gtk_paned_get_end_child (self->paned);
}

void
byline_split_set_end_child (BylineSplit *self,
                            GtkWidget   *child)
{
  g_return_if_fail (BYLINE_IS_SPLIT (self));

  gtk_paned_set_end_child (self->paned, child);
  update_visibility (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_CHILD]);
}

const char *
byline_split_get_layout (BylineSplit *self)
{
  g_return_val_if_fail (BYLINE_IS_SPLIT (self), NULL);

  return self->layout;
}

/**
 * byline_split_set_layout:
 * @self: a #BylineSplit
 * @layout: "editor", "split" or "preview"
 */
void
byline_split_set_layout (BylineSplit *self,
                         const char  *layout)
{
  g_return_if_fail (BYLINE_IS_SPLIT (self));

  if (g_strcmp0 (layout, "editor") != 0 && g_strcmp0 (layout, "preview") != 0)
    layout = "split";

  if (g_set_str (&self->layout, layout))
    {
      update_visibility (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
    }
}

const char *
byline_split_get_shown (BylineSplit *self)
{
  g_return_val_if_fail (BYLINE_IS_SPLIT (self), NULL);

  return self->shown;
}

/**
 * byline_split_set_shown:
 * @self: a #BylineSplit
 * @shown: "editor" or "preview": which one a narrow split layout shows
 */
void
byline_split_set_shown (BylineSplit *self,
                        const char  *shown)
{
  g_return_if_fail (BYLINE_IS_SPLIT (self));

  if (g_strcmp0 (shown, "preview") != 0)
    shown = "editor";

  if (g_set_str (&self->shown, shown))
    {
      update_visibility (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN]);
    }
}

gboolean
byline_split_get_narrow (BylineSplit *self)
{
  g_return_val_if_fail (BYLINE_IS_SPLIT (self), FALSE);

  return self->narrow;
}
