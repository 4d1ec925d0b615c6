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
            checkpoint (the closest names are listed), or a shape differs.

    Example:

    >>> cell = tf1compat.nn.rnn_cell.BasicLSTMCell(8)
    >>> _ = tf1compat.nn.dynamic_rnn(cell, tf.zeros([1, 2, 3]), dtype=tf.float32)
    >>> restored = tf1compat.checkpoints.restore_tf1_variables(cell, path)  # doctest: +SKIP
    """
    reader = tf.train.load_checkpoint(checkpoint)
    shapes = reader.get_variable_to_shape_map()
    restored = []
    for layer in layers if isinstance(layers, (list, tuple)) else [layers]:
        names = layer.tf1_variable_names
        if not names:
            raise ValueError(f"{layer.name!r} has no variables yet: call it once before restoring. "
                             f"Received: layers={layer!r}")
        for name, variable in names.items():
            source = rename(name) if rename else name
            if source not in shapes:
                close = difflib.get_close_matches(source, list(shapes), n=3, cutoff=0.5)
                raise ValueError(f"Variable {source!r} is not in checkpoint {checkpoint!r}. "
                                 f"Closest names there: {close}")
            if list(shapes[source]) != list(variable.shape):
                raise ValueError(f"Variable {source!r} has shape {shapes[source]} in the "
                                 f"checkpoint but {list(variable.shape)} here.")
            variable.assign(reader.get_tensor(source))
            restored.append(source)
    return restored
