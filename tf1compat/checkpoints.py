"""Loading TF1 checkpoints into eager (TF2) cells and layers by their TF1 names."""

import difflib

import tensorflow as tf


def restore_tf1_variables(layers, checkpoint, rename=None):
    """Assigns the values of a TF1 checkpoint to built tf1compat cells or layers.

    In graph mode an unchanged `tf.compat.v1.train.Saver` restores TF1
    checkpoints; this is the eager / `tf.function` counterpart. Each variable is
    looked up by its TF1 name (`layer.tf1_variable_names`), the name TF1 gave it.

    Args:
        layers: A tf1compat cell/layer or a list of them, already built (call
            them once first, under the same scopes as the TF1 program).
        checkpoint: Path or prefix of a TF1 checkpoint (as written by `Saver.save`).
        rename: Optional callable mapping a TF1 name of ours to the checkpoint's
            name, for checkpoints saved under another scope.

    Returns:
        The list of checkpoint names that were restored.

    Raises:
        ValueError: a layer has no variables yet, a name is missing from the
            checkpoint (the closest names are listed), `rename` returns no name,
            or a shape or dtype differs. Every variable is checked before any is
            assigned, so on error nothing has changed.

    Example:

    >>> cell = tf1compat.nn.rnn_cell.BasicLSTMCell(8)
    >>> _ = tf1compat.nn.dynamic_rnn(cell, tf.zeros([1, 2, 3]), dtype=tf.float32)
    >>> restored = tf1compat.checkpoints.restore_tf1_variables(cell, path)  # doctest: +SKIP
    """
    reader = tf.train.load_checkpoint(checkpoint)
    shapes = reader.get_variable_to_shape_map()
    dtypes = reader.get_variable_to_dtype_map()
    plan = []
    for layer in layers if isinstance(layers, (list, tuple)) else [layers]:
        names = layer.tf1_variable_names
        if not names:
            raise ValueError(f"{layer.name!r} has no variables yet: call it once before restoring. "
                             f"Received: layers={layer!r}")
        for name, variable in names.items():
            source = rename(name) if rename else name
            if not isinstance(source, str):
                raise ValueError(f"`rename` must return the checkpoint name of each variable. "
                                 f"Received: rename({name!r})={source!r}")
            _check_matches(checkpoint, source, variable, shapes, dtypes)
            plan.append((source, variable))
    for source, variable in plan:
        variable.assign(reader.get_tensor(source))
    return [source for source, _ in plan]


def _check_matches(checkpoint, source, variable, shapes, dtypes):
    """Raises `ValueError` unless `source` is in the checkpoint with `variable`'s shape and dtype."""
    if source not in shapes:
        close = difflib.get_close_matches(source, list(shapes), n=3, cutoff=0.5)
        raise ValueError(f"Variable {source!r} is not in checkpoint {checkpoint!r}. "
                         f"Closest names there: {close}")
    if list(shapes[source]) != list(variable.shape):
        raise ValueError(f"Variable {source!r} has shape {shapes[source]} in the checkpoint but "
                         f"{list(variable.shape)} here.")
    if dtypes[source] != variable.dtype:
        raise ValueError(f"Variable {source!r} is {dtypes[source].name} in the checkpoint but "
                         f"{tf.as_dtype(variable.dtype).name} here: build the cell with "
                         f"dtype={dtypes[source].name!r} (no value is cast silently).")
