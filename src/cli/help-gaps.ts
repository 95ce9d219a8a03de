// yargs' help (its layout library, cliui) glues an option's type to the description when the
// description's last line ends exactly where the type column starts: `repeat for more[array]`.
// Such a line gets the annotations on a line of their own, right-aligned, as yargs does when
// they do not fit (yargs ends them one column short of the width).

const ANNOTATIONS =
  /^(.*\S)((?:\[(?:boolean|string|number|array|count|required|deprecated|choices:|default:)[^\]]*\] ?)+)$/;

export function fixHelpGaps(help: string, width: number): string {
  return help
    .split('\n')
    .map((line) => {
      const m = ANNOTATIONS.exec(line);
      if (!m || m[1]!.endsWith(' ')) return line;
      const annotations = m[2]!.trimEnd();
      return `${m[1]}\n${annotations.padStart(Math.max(width - 1, annotations.length))}`;
    })
    .join('\n');
}
