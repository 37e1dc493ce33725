import { describe, expect, it } from 'vitest';
import { OpaqueValue, decodeRss, encodeJson } from '../../src/runtime/data/index.ts';
import { parseFeedDate } from '../../src/runtime/data/rss-decode.ts';

const RSS = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>W3Schools Home Page</title>
  <link>https://www.w3schools.com</link>
  <atom:link href="https://example.com/feed" rel="self" type="application/rss+xml"/>
  <description>Free web building tutorials</description>
  <image>
    <url>https://www.w3schools.com/pretty_image.png</url>
    <description>Free web building tutorials</description>
  </image>
  <language>en_us</language>
  <managingEditor>editor@example.com (Ed Itor)</managingEditor>
  <category>Tutorials</category>
  <lastBuildDate>Mon, 02 Jan 2006 15:04:05 -0700</lastBuildDate>
  <item>
    <title>RSS Tutorial</title>
    <link>https://www.w3schools.com/xml/xml_rss.asp</link>
    <description>New RSS tutorial on W3Schools</description>
    <pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>
    <guid>https://www.w3schools.com/xml/xml_rss.asp</guid>
    <dc:creator>John Doe</dc:creator>
    <content:encoded><![CDATA[<p>Full</p>]]></content:encoded>
    <enclosure url="https://e.com/a.mp3" length="123" type="audio/mpeg"/>
    <category>XML</category>
  </item>
  <item>
    <title>XML Tutorial</title>
    <link>https://www.w3schools.com/xml</link>
    <description>New XML tutorial on W3Schools</description>
  </item>
</channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Example Feed</title>
  <subtitle>A subtitle.</subtitle>
  <link href="http://example.org/" />
  <updated>2003-12-13T18:30:02Z</updated>
  <author><name>John Doe</name><email>johndoe@example.com</email></author>
  <entry>
    <title>Atom-Powered Robots Run Amok</title>
    <link href="http://example.org/2003/12/13/atom03" />
    <link rel="enclosure" type="audio/mpeg" length="1337" href="http://example.org/audio/x.mp3"/>
    <id>urn:uuid:1225c695</id>
    <updated>2003-12-13T18:30:02.25+01:00</updated>
    <summary>Some text.</summary>
    <category term="robots"/>
  </entry>
</feed>`;

describe('rss decoder', () => {
  it('decodes RSS 2.0 into the feed map', () => {
    expect(encodeJson(decodeRss(Buffer.from(RSS)))).toBe(
      '{"author":{"name":"Ed Itor","email":"editor@example.com"},"categories":["Tutorials"],"copyright":"","custom":null,' +
        '"description":"Free web building tutorials","img_url":"https://www.w3schools.com/pretty_image.png",' +
        '"items":[{"title":"RSS Tutorial","description":"New RSS tutorial on W3Schools","content":"\\u003cp\\u003eFull\\u003c/p\\u003e",' +
        '"link":"https://www.w3schools.com/xml/xml_rss.asp","links":["https://www.w3schools.com/xml/xml_rss.asp"],' +
        '"published":"Tue, 10 Jun 2003 04:00:00 GMT","publishedParsed":"2003-06-10T04:00:00Z","author":{"name":"John Doe"},' +
        '"guid":"https://www.w3schools.com/xml/xml_rss.asp","categories":["XML"],"enclosures":[{"url":"https://e.com/a.mp3","length":"123","type":"audio/mpeg"}],' +
        '"dcExt":{"creator":["John Doe"]},"extensions":{"dc":{"creator":[{"name":"creator","value":"John Doe","attrs":{},"children":{}}]}}},' +
        '{"title":"XML Tutorial","description":"New XML tutorial on W3Schools","link":"https://www.w3schools.com/xml","links":["https://www.w3schools.com/xml"]}],' +
        '"language":"en_us","published":"","title":"W3Schools Home Page","type":"rss","updated":"Mon, 02 Jan 2006 15:04:05 -0700"}',
    );
  });

  it('keeps items, author and categories as leaves (records, not maps)', () => {
    const data = decodeRss(Buffer.from(RSS));
    expect(data.items).toBeInstanceOf(OpaqueValue);
    expect(data.author).toBeInstanceOf(OpaqueValue);
    expect(data.categories).toBeInstanceOf(OpaqueValue);
  });

  it('decodes Atom', () => {
    expect(encodeJson(decodeRss(Buffer.from(ATOM)))).toBe(
      '{"author":{"name":"John Doe","email":"johndoe@example.com"},"categories":null,"copyright":"","custom":null,"description":"A subtitle.",' +
        '"items":[{"title":"Atom-Powered Robots Run Amok","description":"Some text.","link":"http://example.org/2003/12/13/atom03",' +
        '"links":["http://example.org/2003/12/13/atom03","http://example.org/audio/x.mp3"],"updated":"2003-12-13T18:30:02.25+01:00",' +
        '"updatedParsed":"2003-12-13T18:30:02.25+01:00","guid":"urn:uuid:1225c695","categories":["robots"],' +
        '"enclosures":[{"url":"http://example.org/audio/x.mp3","length":"1337","type":"audio/mpeg"}]}],' +
        '"language":"en","published":"","title":"Example Feed","type":"atom","updated":"2003-12-13T18:30:02Z"}',
    );
  });

  it('decodes RDF (RSS 1.0) items next to the channel', () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel><title>T</title><description>D</description></channel>
      <item><title>One</title><link>http://e/1</link></item>
    </rdf:RDF>`;
    expect(encodeJson(decodeRss(Buffer.from(rdf)))).toBe(
      '{"author":null,"categories":null,"copyright":"","custom":null,"description":"D","items":[{"title":"One","link":"http://e/1","links":["http://e/1"]}],"language":"","published":"","title":"T","type":"rss","updated":""}',
    );
  });

  it('decodes JSON Feed', () => {
    const feed = '{"version":"https://jsonfeed.org/version/1","title":"J","items":[{"id":"1","url":"http://e/1","content_text":"hi","date_published":"2020-01-02T03:04:05Z","tags":["a"]}]}';
    expect(encodeJson(decodeRss(Buffer.from(feed)))).toBe(
      '{"author":null,"categories":null,"copyright":"","custom":null,"description":"","items":[{"content":"hi","link":"http://e/1","published":"2020-01-02T03:04:05Z","publishedParsed":"2020-01-02T03:04:05Z","guid":"1","categories":["a"]}],"language":"","published":"","title":"J","type":"json","updated":""}',
    );
  });

  it.each([
    ['', 'Failed to detect feed type'],
    ['plain text', 'Failed to detect feed type'],
    ['<html><body/></html>', 'Failed to detect feed type'],
    ['<rss><channel>', 'XML syntax error on line 1: unexpected EOF'],
  ])('error for %j', (body, message) => {
    expect(() => decodeRss(Buffer.from(body))).toThrow(message);
  });

  it.each([
    ['Mon, 02 Jan 2006 15:04:05 -0700', '2006-01-02T15:04:05-07:00'],
    ['Mon, 02 Jan 2006 15:04:05 GMT', '2006-01-02T15:04:05Z'],
    ['02 Jan 06 15:04 +0130', '2006-01-02T15:04:00+01:30'],
    ['2006-01-02T15:04:05.500Z', '2006-01-02T15:04:05.5Z'],
    ['2006-01-02', '2006-01-02T00:00:00Z'],
    ['yesterday', undefined],
  ])('parses the date %j', (text, expected) => {
    expect(parseFeedDate(text)).toBe(expected);
  });
});
